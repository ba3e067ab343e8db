//! A query: the parameters of one SIA request against one service.
//!
//! A [`Query`] holds an `Arc` of its [`Service`] (so either may be dropped first) and owns its
//! [`Params`]. It is `Send` and `Sync`, but mutation needs `&mut`: one thread at a time; clone
//! it for another. [`Query::execute`] blocks the calling thread only, for at most the service's
//! timeout, and leaves no threads behind.

use std::sync::Arc;

use crate::error::Result;
use crate::params::Params;
use crate::results::Results;
use crate::service::Service;

/// The parameters of one request.
#[derive(Debug, Clone)]
pub struct Query {
    service: Arc<Service>,
    params: Params,
}

impl Query {
    /// An empty query against `service` (parameters are checked against its SIA version).
    pub fn new(service: Arc<Service>) -> Query {
        let params = Params::new(service.version());
        Query { service, params }
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

    /// Exactly the URL [`Query::execute`] will GET (a query whose URL is longer than the
    /// service's [`post_above`](crate::http::Settings::post_above) is POSTed to the base URL
    /// instead, with the same parameters as its body).
    pub fn url(&self) -> String {
        self.params.url(self.service.base_url())
    }

    /// Sends the query and parses the response, streaming.
    pub fn execute(&self) -> Result<Results> {
        self.service.fetch_results(&self.params, None)
    }

    /// As [`Query::execute`], with `settings` in place of the service's (see [`crate::batch`]).
    pub(crate) fn execute_with(&self, settings: &crate::http::Settings) -> Result<Results> {
        self.service
            .fetch_results_with(&self.params, None, settings)
    }

    /// As [`Query::execute`], and the exact bytes of the response are written to `path` as
    /// they are parsed (no second request, never held whole): to `path.part`, renamed to
    /// `path` once the response has been read and parsed; removed on any failure.
    pub fn execute_saving(&self, path: &std::path::Path) -> Result<Results> {
        self.service.fetch_results(&self.params, Some(path))
    }
}
