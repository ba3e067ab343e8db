//! The memory budget of one read: every byte the reader keeps from its input (cells, FIELDs,
//! INFOs, descriptors) is charged here before it is stored, so that no document, however it
//! is built, makes the reader hold more than the budget.

use crate::error::{Error, ErrorKind, Result};

/// Bytes a read may keep unless told otherwise: 2 GiB, twice the default response limit, as
/// a table decoded from BINARY2 can take more room than its base64 text (a `short` becomes
/// eight bytes).
pub const DEFAULT_MEMORY_BUDGET: u64 = 2 << 30;

/// What a read has kept so far, against its limit. Not shared between threads.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    limit: u64,
    used: u64,
}

impl Budget {
    /// A budget of `limit` bytes; 0 means no limit.
    pub(crate) fn new(limit: u64) -> Budget {
        Budget {
            limit: if limit == 0 { u64::MAX } else { limit },
            used: 0,
        }
    }

    /// Takes `bytes` from the budget, or refuses before anything is stored.
    pub(crate) fn charge(&mut self, bytes: usize) -> Result<()> {
        self.check(bytes)?;
        self.used += bytes as u64;
        Ok(())
    }

    /// Refuses unless `bytes` more (a transient buffer about to be filled) would fit; takes
    /// nothing.
    pub(crate) fn check(&self, bytes: usize) -> Result<()> {
        if self.used.saturating_add(bytes as u64) > self.limit {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the table would take more than the memory budget of {} MiB: raise the \
                     budget (vosia_service_set_memory_budget, vosia_results_parse_within) or \
                     ask for fewer rows (MAXREC)",
                    self.limit >> 20
                ),
            ));
        }
        Ok(())
    }

    /// Bytes that may still be charged.
    pub(crate) fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used)
    }

    /// Bytes charged so far.
    pub(crate) fn used(&self) -> u64 {
        self.used
    }

    /// Gives back what was charged since `used()` returned `mark` (a streamed batch's cells,
    /// once they have been handed on and dropped).
    pub(crate) fn release_to(&mut self, mark: u64) {
        self.used = self.used.min(mark);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_charge_that_would_pass_the_limit() {
        let mut b = Budget::new(100);
        b.charge(60).unwrap();
        b.charge(40).unwrap();
        let e = b.charge(1).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
        assert_eq!(b.used(), 100);
    }

    #[test]
    fn zero_means_no_limit() {
        let mut b = Budget::new(0);
        b.charge(usize::MAX).unwrap();
    }
}
