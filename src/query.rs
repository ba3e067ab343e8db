//! A query: the parameters of one SIA request against one service, and its last error.
//!
//! A [`Query`] holds an `Arc` of its [`Service`] (so either may be dropped first) and owns its
//! [`Params`]. It is `Send` and `Sync`, but mutation needs `&mut`: one thread at a time; clone
//! it for another. [`Query::execute`] blocks the calling thread only, for at most the service's
//! timeout, and leaves no threads behind.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::http;
use crate::params::Params;
use crate::results::Results;
use crate::service::Service;

/// The parameters of one request and the outcome of the last execution.
#[derive(Debug, Clone)]
pub struct Query {
    service: Arc<Service>,
    params: Params,
    last_error: Option<Error>,
}

impl Query {
    /// An empty query against `service` (parameters are checked against its SIA version).
    pub fn new(service: Arc<Service>) -> Query {
        let params = Params::new(service.version());
        Query {
            service,
            params,
            last_error: None,
        }
    }

    /// The service this query is sent to.
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }

    /// The parameters, in wire order.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The parameters, for the typed setters of [`Params`].
    pub fn params_mut(&mut self) -> &mut Params {
        &mut self.params
    }

    /// Exactly the URL [`Query::execute`] will GET.
    pub fn url(&self) -> String {
        self.params.url(self.service.base_url())
    }

    /// Sends the query and parses the response, streaming. On failure the error is also kept
    /// as [`Query::last_error`]; on success the last error is cleared.
    pub fn execute(&mut self) -> Result<Results> {
        let url = self.url();
        let settings = self.service.settings();
        let outcome = http::get_results(
            self.service.agent(),
            &settings,
            &url,
            self.service.version(),
        );
        self.last_error = outcome.as_ref().err().cloned();
        outcome
    }

    /// The error of the last [`Query::execute`], if it failed.
    pub fn last_error(&self) -> Option<&Error> {
        self.last_error.as_ref()
    }
}
