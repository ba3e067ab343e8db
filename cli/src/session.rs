//! What every subcommand shares: the transport options, what goes to stderr, and Ctrl-C.
//!
//! Ctrl-C sets a flag that the library's progress functions read: transfers stop at their
//! next chunk, partial files are removed, and the command exits with status 130. A second
//! Ctrl-C exits at once.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use vosia::http::Progress;

use crate::cli::NetArgs;

pub struct Session {
    pub net: NetArgs,
    verbose: bool,
    pub quiet: bool,
    cancel: Arc<AtomicBool>,
}

impl Session {
    /// A session; installs the Ctrl-C handler (once per process).
    pub fn new(net: NetArgs, verbose: bool, quiet: bool) -> Session {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        // Without a handler (the call fails only when one is set already) Ctrl-C still
        // ends the process, just without the clean-up.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(crate::exit::Exit::Cancelled as i32);
            }
        });
        Session {
            net,
            verbose,
            quiet,
            cancel,
        }
    }

    /// Whether Ctrl-C was pressed.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// A progress function that only stops transfers on Ctrl-C.
    pub fn cancel_only(&self) -> Progress {
        let cancel = Arc::clone(&self.cancel);
        Progress(Arc::new(move |_, _| !cancel.load(Ordering::SeqCst)))
    }

    /// The flag itself, for progress displays that also stop on it.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// With `-v`: what is being done, on stderr.
    pub fn note(&self, text: &str) {
        if self.verbose {
            eprintln!("vosia: {text}");
        }
    }

    /// A warning on stderr (not silenced by `-q`: it is about the result).
    pub fn warn(&self, text: &str) {
        eprintln!("vosia: warning: {text}");
    }

    /// Whether to draw progress bars: stderr is a terminal and `-q` was not given.
    pub fn bars(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }
}
