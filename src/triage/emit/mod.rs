//! The compiled decision tree as output: values for the static checker pages
//! ([`pages`]), the JSON for other tools ([`json`]), and the reviewers' diagram and
//! path table ([`review`]). Pure: the render stage turns these into files.

pub mod json;
pub mod pages;
pub mod review;
