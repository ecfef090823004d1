//! The numbers of an agreement: precision, recall and F1 of two item counts,
//! the share of pairs agreeing on a field, and Cohen's kappa.

use crate::model::Class;
use serde::Serialize;

/// Items of A (the reference) and B, how many of them were found in both,
/// and the figures. A figure with nothing to divide by is `None` (`null`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prf {
    pub a: usize,
    pub b: usize,
    pub matched: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Prf {
    /// `tp_b` of B's items were found in A, `tp_a` of A's items in B (equal
    /// when items pair one to one).
    pub fn new(a: usize, b: usize, tp_a: usize, tp_b: usize) -> Prf {
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        let precision = ratio(tp_b, b);
        let recall = ratio(tp_a, a);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Prf {
            a,
            b,
            matched: tp_a,
            precision,
            recall,
            f1,
        }
    }

    /// Sum the counts of several comparisons and take the figures again.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Prf>) -> Prf {
        let (mut a, mut b, mut m) = (0, 0, 0);
        for p in all {
            a += p.a;
            b += p.b;
            m += p.matched;
        }
        Prf::new(a, b, m, m)
    }
}

/// Pairs agreeing on one field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldAgreement {
    pub agree: usize,
    pub pairs: usize,
    pub rate: Option<f64>,
    /// Cohen's kappa, for the class only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa: Option<f64>,
}

impl FieldAgreement {
    pub fn new(agree: usize, pairs: usize, kappa: Option<f64>) -> FieldAgreement {
        FieldAgreement {
            agree,
            pairs,
            rate: (pairs > 0).then(|| agree as f64 / pairs as f64),
            kappa,
        }
    }
}

/// Cohen's kappa of two raters' classes: (po - pe) / (1 - pe), where po is
/// the share of agreeing pairs and pe the agreement expected by chance from
/// each rater's class frequencies. `None` with no pairs, or when pe is 1
/// (both raters used one and the same class throughout).
pub fn kappa(pairs: &[(Class, Class)]) -> Option<f64> {
    const ALL: [Class; 5] = [
        Class::Named,
        Class::Anonymous,
        Class::Outlet,
        Class::Unattributed,
        Class::Background,
    ];
    let n = pairs.len() as f64;
    if pairs.is_empty() {
        return None;
    }
    let po = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let pe: f64 = ALL
        .iter()
        .map(|k| {
            let na = pairs.iter().filter(|(a, _)| a == k).count() as f64;
            let nb = pairs.iter().filter(|(_, b)| b == k).count() as f64;
            (na / n) * (nb / n)
        })
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

#[cfg(test)]
mod tests {
    use super::{Prf, kappa};
    use crate::model::Class::{Anonymous, Named, Unattributed};

    #[test]
    fn precision_recall_f1_by_hand() {
        // A has 10 claims, B 8, 6 paired: P = 6/8 = 0.75, R = 6/10 = 0.6,
        // F1 = 2 * 0.75 * 0.6 / 1.35 = 0.9 / 1.35 = 0.6667.
        let p = Prf::new(10, 8, 6, 6);
        assert_eq!(p.precision, Some(0.75));
        assert_eq!(p.recall, Some(0.6));
        assert!((p.f1.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // Nothing in B: no precision, so no F1.
        assert_eq!(Prf::new(3, 0, 0, 0).f1, None);
        assert_eq!(Prf::new(3, 2, 0, 0).f1, Some(0.0));
    }

    #[test]
    fn kappa_by_hand() {
        // Four pairs: (named, named), (named, named), (anonymous, anonymous),
        // (unattributed, named).
        // po = 3/4 = 0.75.
        // A: named 2, anonymous 1, unattributed 1; B: named 3, anonymous 1.
        // pe = (2/4)(3/4) + (1/4)(1/4) + (1/4)(0) = 6/16 + 1/16 = 7/16 = 0.4375.
        // kappa = (0.75 - 0.4375) / (1 - 0.4375) = 0.3125 / 0.5625 = 5/9 = 0.5556.
        let pairs = [
            (Named, Named),
            (Named, Named),
            (Anonymous, Anonymous),
            (Unattributed, Named),
        ];
        assert!((kappa(&pairs).unwrap() - 5.0 / 9.0).abs() < 1e-12);
        // Everyone named on both sides: pe = 1, kappa undefined.
        assert_eq!(kappa(&[(Named, Named), (Named, Named)]), None);
        assert_eq!(kappa(&[]), None);
    }
}
