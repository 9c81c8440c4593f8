//! The compiled decision tree as output: values for the static checker pages
//! ([`pages`]), the JSON for other tools ([`json`]), the reviewers' view of every
//! outcome and path ([`review`]) and their diagram ([`diagram`]). Pure: the render
//! stage turns these into files.

pub mod diagram;
pub(crate) mod json;
pub(crate) mod pages;
pub mod review;
