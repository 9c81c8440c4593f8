//! The compiled decision tree as output: values for the static checker pages
//! ([`pages`]), the JSON for other tools ([`json`]), the reviewers' view of every
//! outcome and path ([`review`]) and their diagram ([`diagram`]). Pure: the render
//! stage turns these into files.

pub mod diagram;
pub mod json;
pub mod pages;
pub mod review;
