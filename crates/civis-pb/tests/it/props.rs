//! Property tests of the outcome rules.
