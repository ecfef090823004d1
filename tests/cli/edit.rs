//! See the index in tests/cli.rs.
