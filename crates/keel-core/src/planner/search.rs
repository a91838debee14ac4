//! Exhaustive week search: every way of putting `n` sessions on distinct days, each with one
//! of the focus options its day allows, is scored; the best wins.
//!
//! Unary hard rules (rest day, the day before a hard run, the 72 h before a race) are applied
//! when the options per day are built; the one pairwise hard rule (`same-muscle-48h`) is
//! checked here between consecutive chosen days, including last week's Sunday. Ties go to the
//! first placement in enumeration order (earlier days first), so the result is deterministic.

use crate::model::{Focus, Intensity};
use crate::rules::{same_muscle_48h, spread_sessions};

/// One way to use a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Opt {
    /// Focus.
    pub focus: Focus,
    /// Intensity on this day.
    pub intensity: Intensity,
    /// Unary score: focus value for the phase, strategy, short days, recovery-day bonus.
    pub score: i32,
}

/// A search problem for one week.
pub(crate) struct Problem<'a> {
    /// Options per day, Monday first; empty = no strength that day.
    pub allowed: &'a [Vec<Opt>; 7],
    /// Sessions to place.
    pub n: usize,
    /// Strength on the Sunday before (focus, intensity).
    pub prev_sunday: &'a [(Focus, Intensity)],
    /// Days from the previous week's last strength day to this Monday (Sunday = 1).
    pub prev_gap: Option<usize>,
    /// Score of the week's focus mix (legs covered, rotation).
    pub composition: &'a dyn Fn(&[Focus]) -> i32,
}

/// A chosen placement: (day, option index) per session, in day order, and its score.
pub(crate) type Placement = (Vec<(usize, usize)>, i32);

/// The best placement of exactly `n` sessions, or `None` when none breaks no hard rule.
pub(crate) fn best(p: &Problem<'_>) -> Option<Placement> {
    let mut chosen: Vec<(usize, usize)> = Vec::with_capacity(p.n);
    let mut best: Option<Placement> = None;
    rec(p, 0, &mut chosen, 0, &mut best);
    best
}

fn rec(
    p: &Problem<'_>,
    d: usize,
    chosen: &mut Vec<(usize, usize)>,
    acc: i32,
    best: &mut Option<Placement>,
) {
    if chosen.len() == p.n {
        let total = acc + finish(p, chosen);
        if best.as_ref().is_none_or(|b| total > b.1) {
            *best = Some((chosen.clone(), total));
        }
        return;
    }
    if d >= 7 || 7 - d < p.n - chosen.len() {
        return;
    }
    for (i, o) in p.allowed[d].iter().enumerate() {
        let ok = match chosen.last() {
            Some(&(ld, li)) if ld + 1 == d => {
                let l = p.allowed[ld][li];
                !same_muscle_48h::conflict((l.focus, l.intensity), (o.focus, o.intensity))
            }
            _ => true,
        } && (d != 0
            || !p
                .prev_sunday
                .iter()
                .any(|s| same_muscle_48h::conflict(*s, (o.focus, o.intensity))));
        if !ok {
            continue;
        }
        let gap = match chosen.last() {
            Some(&(ld, _)) => Some(d - ld),
            None => p.prev_gap.map(|g| g + d),
        };
        let spread = gap.map(spread_sessions::gap_penalty).unwrap_or(0);
        chosen.push((d, i));
        rec(p, d + 1, chosen, acc + o.score - spread, best);
        chosen.pop();
    }
    rec(p, d + 1, chosen, acc, best);
}

fn finish(p: &Problem<'_>, chosen: &[(usize, usize)]) -> i32 {
    let focuses: Vec<Focus> = chosen.iter().map(|&(d, i)| p.allowed[d][i].focus).collect();
    (p.composition)(&focuses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(f: Focus, s: i32) -> Opt {
        Opt {
            focus: f,
            intensity: Intensity::Moderate,
            score: s,
        }
    }

    #[test]
    fn finds_the_optimum_not_the_greedy_choice() {
        // Greedy would take Tuesday's 50 then be stuck with Wednesday's conflict; the optimum
        // uses Monday and Wednesday.
        let mut allowed: [Vec<Opt>; 7] = Default::default();
        allowed[0] = vec![opt(Focus::Full, 40)];
        allowed[1] = vec![opt(Focus::Full, 50)];
        allowed[2] = vec![opt(Focus::Full, 40)];
        let comp = |_: &[Focus]| 0;
        let p = Problem {
            allowed: &allowed,
            n: 2,
            prev_sunday: &[],
            prev_gap: None,
            composition: &comp,
        };
        let (c, _) = best(&p).expect("placement");
        assert_eq!(c.iter().map(|x| x.0).collect::<Vec<_>>(), vec![0, 2]);
    }

    #[test]
    fn respects_previous_sunday_and_reports_impossible() {
        let mut allowed: [Vec<Opt>; 7] = Default::default();
        allowed[0] = vec![opt(Focus::Lower, 40), opt(Focus::Upper, 10)];
        let comp = |_: &[Focus]| 0;
        let prev = [(Focus::Full, Intensity::Moderate)];
        let p = Problem {
            allowed: &allowed,
            n: 1,
            prev_sunday: &prev,
            prev_gap: Some(1),
            composition: &comp,
        };
        assert!(best(&p).is_none());
        let p = Problem {
            allowed: &allowed,
            n: 2,
            prev_sunday: &[],
            prev_gap: None,
            composition: &comp,
        };
        assert!(best(&p).is_none());
    }
}
