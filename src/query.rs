//! A query: the parameters of one SIA request against one service.
//!
//! A [`Query`] holds an `Arc` of its [`Service`] (so either may be dropped first) and owns its
//! [`Params`]. It is `Send` and `Sync`, but mutation needs `&mut`: one thread at a time; clone
//! it for another. [`Query::execute`] blocks the calling thread only, for at most the service's
//! timeout, and leaves no threads behind.

use std::sync::Arc;

use crate::error::Result;
use crate::fetch::Reading;
use crate::params::Params;
use crate::results::{Results, RowsSink};
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
        self.execute_with(&self.service.settings())
    }

    /// As [`Query::execute`], with `settings` in place of the service's (see [`crate::batch`]).
    pub(crate) fn execute_with(&self, settings: &crate::http::Settings) -> Result<Results> {
        self.service
            .fetch_results(&self.params, settings, None, Reading::Whole)
    }

    /// Sends the query and hands the response's rows to `sink` in batches of `batch_rows`
    /// rows as they are parsed, keeping none of them (see [`Results::read_in_batches`]):
    /// memory does not grow with the row count. Returns the rest of the response (the
    /// columns, no rows, the INFOs and overflow). The service's response size limit still
    /// applies; its memory budget bounds one batch.
    pub fn execute_in_batches(&self, batch_rows: usize, sink: RowsSink<'_>) -> Result<Results> {
        let reading = Reading::InBatches { batch_rows, sink };
        self.service
            .fetch_results(&self.params, &self.service.settings(), None, reading)
    }

    /// As [`Query::execute`], and the exact bytes of the response are written to `path` as
    /// they are parsed (no second request, never held whole): to `path.part`, renamed to
    /// `path` once the response has been read and parsed; removed on any failure.
    pub fn execute_saving(&self, path: &std::path::Path) -> Result<Results> {
        let settings = self.service.settings();
        self.service
            .fetch_results(&self.params, &settings, Some(path), Reading::Whole)
    }
}
