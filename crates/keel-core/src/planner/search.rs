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
    /// The most `composition` can ever return (for pruning).
    pub composition_max: i32,
}

/// A chosen placement: (day, option index) per session, in day order, and its score.
pub(crate) type Placement = (Vec<(usize, usize)>, i32);

/// The best placement of exactly `n` sessions, or `None` when none breaks no hard rule.
pub(crate) fn best(p: &Problem<'_>) -> Option<Placement> {
    let mut chosen: Vec<(usize, usize)> = Vec::with_capacity(p.n);
    let mut best: Option<Placement> = None;
    let day_max: [Option<i32>; 7] =
        std::array::from_fn(|d| p.allowed[d].iter().map(|o| o.score).max());
    rec(p, &day_max, 0, &mut chosen, 0, &mut best);
    best
}

/// An upper bound of what the remaining `k` sessions on days `d..` can add (spread penalties
/// only subtract, so they are left out); `None` when fewer than `k` days have options.
fn bound(day_max: &[Option<i32>; 7], d: usize, k: usize) -> Option<i32> {
    let mut top = [i32::MIN; 7];
    let mut n = 0;
    for m in day_max[d.min(7)..].iter().flatten() {
        top[n] = *m;
        n += 1;
    }
    if n < k {
        return None;
    }
    let top = &mut top[..n];
    top.sort_unstable_by(|a, b| b.cmp(a));
    Some(top[..k].iter().sum())
}

fn rec(
    p: &Problem<'_>,
    day_max: &[Option<i32>; 7],
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
    // Branch and bound: skip branches that cannot beat the best found (ties keep the first).
    match bound(day_max, d, p.n - chosen.len()) {
        None => return,
        Some(b)
            if best
                .as_ref()
                .is_some_and(|x| acc + b + p.composition_max <= x.1) =>
        {
            return
        }
        _ => {}
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
        rec(p, day_max, d + 1, chosen, acc + o.score - spread, best);
        chosen.pop();
    }
    rec(p, day_max, d + 1, chosen, acc, best);
}

fn finish(p: &Problem<'_>, chosen: &[(usize, usize)]) -> i32 {
    // At most 7 sessions (one a day): a stack buffer keeps the hot path free of allocation.
    let mut buf = [Focus::Mobility; 7];
    for (slot, &(d, i)) in buf.iter_mut().zip(chosen) {
        *slot = p.allowed[d][i].focus;
    }
    (p.composition)(&buf[..chosen.len().min(7)])
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
            composition_max: 0,
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
            composition_max: 0,
        };
        assert!(best(&p).is_none());
        let p = Problem {
            allowed: &allowed,
            n: 2,
            prev_sunday: &[],
            prev_gap: None,
            composition: &comp,
            composition_max: 0,
        };
        assert!(best(&p).is_none());
    }

    /// Plain enumeration of every placement, for comparison.
    fn brute(p: &Problem<'_>) -> Option<i32> {
        let mut best: Option<i32> = None;
        let mut pick = vec![];
        fn go(p: &Problem<'_>, d: usize, pick: &mut Vec<(usize, usize)>, best: &mut Option<i32>) {
            if d == 7 {
                if pick.len() != p.n {
                    return;
                }
                for w in pick.windows(2) {
                    let (a, b) = (p.allowed[w[0].0][w[0].1], p.allowed[w[1].0][w[1].1]);
                    if w[1].0 == w[0].0 + 1
                        && same_muscle_48h::conflict((a.focus, a.intensity), (b.focus, b.intensity))
                    {
                        return;
                    }
                }
                if let Some(&(0, i)) = pick.first() {
                    let o = p.allowed[0][i];
                    if p.prev_sunday
                        .iter()
                        .any(|s| same_muscle_48h::conflict(*s, (o.focus, o.intensity)))
                    {
                        return;
                    }
                }
                let mut total: i32 = pick.iter().map(|&(d, i)| p.allowed[d][i].score).sum();
                for (k, &(d, _)) in pick.iter().enumerate() {
                    let gap = if k == 0 {
                        p.prev_gap.map(|g| g + d)
                    } else {
                        Some(d - pick[k - 1].0)
                    };
                    total -= gap.map(spread_sessions::gap_penalty).unwrap_or(0);
                }
                let fs: Vec<Focus> = pick.iter().map(|&(d, i)| p.allowed[d][i].focus).collect();
                total += (p.composition)(&fs);
                if best.is_none_or(|b| total > b) {
                    *best = Some(total);
                }
                return;
            }
            go(p, d + 1, pick, best);
            for i in 0..p.allowed[d].len() {
                pick.push((d, i));
                go(p, d + 1, pick, best);
                pick.pop();
            }
        }
        go(p, 0, &mut pick, &mut best);
        best
    }

    use proptest::prelude::*;

    fn an_opt() -> impl proptest::strategy::Strategy<Value = Opt> {
        (
            prop::sample::select(Focus::ALL.to_vec()),
            prop::sample::select(Intensity::ALL.to_vec()),
            -20i32..80,
        )
            .prop_map(|(focus, intensity, score)| Opt {
                focus,
                intensity,
                score,
            })
    }

    proptest! {
        #[test]
        fn branch_and_bound_finds_the_brute_force_optimum(
            days in prop::collection::vec(prop::collection::vec(an_opt(), 0..4), 7),
            n in 0usize..4,
            prev in prop::option::of((prop::sample::select(Focus::ALL.to_vec()), prop::sample::select(Intensity::ALL.to_vec()))),
            prev_gap in prop::option::of(1usize..4),
        ) {
            let allowed: [Vec<Opt>; 7] = std::array::from_fn(|d| days[d].clone());
            let comp = |fs: &[Focus]| if fs.iter().any(|f| f.loads_legs()) { 30 } else { 0 };
            let prev: Vec<_> = prev.into_iter().collect();
            let p = Problem { allowed: &allowed, n, prev_sunday: &prev, prev_gap, composition: &comp, composition_max: 30 };
            prop_assert_eq!(best(&p).map(|b| b.1), brute(&p));
        }
    }
}
