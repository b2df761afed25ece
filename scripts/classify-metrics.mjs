// Every figure the classification issue asks for, on a labelled set: category accuracy and macro-F1,
// auto-routing, emergencies, compensation, agitation, kind; plus the per-text answers for listings.

const pct = (x) => `${(x * 100).toFixed(1)}%`;

/** Runs the analysis over labelled rows; `filedAs` simulates the kind a resident filed (default complaint). */
export function measure(L, model, rows, { threshold, filedAs = 'complaint' } = {}) {
  const answers = [];
  const times = [];
  for (const r of rows) {
    const t0 = process.hrtime.bigint();
    const a = L.analyzeComplaint(model, r.text, { threshold, filedAs });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    answers.push({ row: r, a });
  }
  // Category figures from the library's own evaluate (the same rules `pnpm classify:eval` has always used).
  const ev = L.evaluate(model, rows, { threshold });
  const out = {
    total: rows.length,
    accuracy: ev.accuracy,
    macroF1: ev.macroF1,
    autoShare: ev.autoShare,
    autoAccuracy: ev.autoAccuracy,
    perCategory: ev.perCategory,
    confusion: ev.confusion,
    answers,
  };
  // Emergencies (only on rows that carry the label).
  const em = answers.filter(({ row }) => row.emergency !== undefined);
  if (em.length) {
    const pos = em.filter(({ row }) => row.emergency);
    const neg = em.filter(({ row }) => !row.emergency);
    const caught = pos.filter(({ a }) => a.flags.emergency);
    out.emergency = {
      positives: pos.length,
      caught: caught.length,
      recall: pos.length ? caught.length / pos.length : 1,
      kindRight: caught.filter(({ row, a }) => a.flags.emergencyKind === row.emergency).length,
      negatives: neg.length,
      falseAlarms: neg.filter(({ a }) => a.flags.emergency).length,
    };
    out.emergency.falseAlarmRate = neg.length ? out.emergency.falseAlarms / neg.length : 0;
  }
  const comp = answers.filter(({ row }) => row.compensationYuan !== undefined);
  if (comp.length) {
    const claims = comp.filter(({ row }) => row.compensationYuan);
    out.compensation = {
      claims: claims.length,
      exact: claims.filter(({ row, a }) => a.flags.compensationYuan === row.compensationYuan).length,
      spurious: comp.filter(({ row, a }) => !row.compensationYuan && a.flags.compensationYuan !== null)
        .length,
      majorRight: comp.filter(({ row, a }) => (row.compensationYuan ?? 0) >= 10000 === a.flags.majorComplaint)
        .length,
      rows: comp.length,
    };
  }
  const ag = answers.filter(({ row }) => typeof row.agitated === 'boolean');
  if (ag.length) {
    const pos = ag.filter(({ row }) => row.agitated);
    const flagged = ag.filter(({ a }) => a.flags.agitated);
    out.agitation = {
      positives: pos.length,
      caught: pos.filter(({ a }) => a.flags.agitated).length,
      flagged: flagged.length,
      flaggedRight: flagged.filter(({ row }) => row.agitated).length,
    };
  }
  const kinds = answers.filter(({ row }) => row.kind);
  if (kinds.length) {
    const suggested = kinds.filter(({ a }) => a.kindSuggestion);
    const notFiled = kinds.filter(({ row }) => row.kind !== filedAs);
    out.kind = {
      rows: kinds.length,
      accuracy: kinds.filter(({ row, a }) => a.kind === row.kind).length / kinds.length,
      filedAs,
      shouldSuggest: notFiled.length,
      suggested: suggested.length,
      suggestedRight: suggested.filter(({ row, a }) => a.kindSuggestion.kind === row.kind).length,
      caught: notFiled.filter(({ row, a }) => a.kindSuggestion?.kind === row.kind).length,
    };
  }
  times.sort((a, b) => a - b);
  out.latency = {
    p50: times[Math.floor(times.length * 0.5)] ?? 0,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
  };
  return out;
}

/** Prints a measurement as the report of `pnpm classify:eval` and `pnpm bench`. */
export function print(L, title, m, { confusion = true } = {}) {
  const lines = [];
  const say = (s = '') => lines.push(s);
  say(`\n== ${title}: ${m.total} texts ==`);
  say(`accuracy ${pct(m.accuracy)}   macro-F1 ${m.macroF1.toFixed(3)}`);
  say(`auto-routed ${pct(m.autoShare)}, of which ${pct(m.autoAccuracy)} right`);
  if (m.emergency) {
    const e = m.emergency;
    say(
      `emergencies caught ${e.caught}/${e.positives} (${pct(e.recall)}), kind right ${e.kindRight}/${e.caught}; ` +
        `false alarms ${e.falseAlarms}/${e.negatives} (${pct(e.falseAlarmRate)})`,
    );
  }
  if (m.compensation) {
    const c = m.compensation;
    say(
      `compensation read exactly ${c.exact}/${c.claims} (${pct(c.exact / Math.max(1, c.claims))}); ` +
        `amount read where none claimed ${c.spurious}; 重大投诉 flag right ${c.majorRight}/${c.rows}`,
    );
  }
  if (m.agitation) {
    const a = m.agitation;
    say(
      `agitated caught ${a.caught}/${a.positives} (${pct(a.caught / Math.max(1, a.positives))}); ` +
        `precision ${pct(a.flaggedRight / Math.max(1, a.flagged))}`,
    );
  }
  if (m.kind) {
    const k = m.kind;
    say(
      `kind read right ${pct(k.accuracy)}; filed as ${k.filedAs}: suggested ${k.suggested}, right ${k.suggestedRight} ` +
        `(${pct(k.suggestedRight / Math.max(1, k.suggested))}); caught ${k.caught}/${k.shouldSuggest} that read as another kind`,
    );
  }
  say(`latency per text p50 ${m.latency.p50.toFixed(3)} ms, p99 ${m.latency.p99.toFixed(3)} ms`);
  if (confusion) {
    const short = (c) => c.replace(/类$/, '').slice(0, 4);
    say('\nper category      P      R      F1    n');
    for (const c of L.CATEGORY_NAMES) {
      const x = m.perCategory[c];
      say(
        `${c.padEnd(7, '　')} ${x.precision.toFixed(3)}  ${x.recall.toFixed(3)}  ${x.f1.toFixed(3)}  ${x.support}`,
      );
    }
    say('confusion (rows = true, columns = predicted)');
    say('        ' + L.CATEGORY_NAMES.map((c) => short(c).padStart(5, '　')).join(''));
    for (const t of L.CATEGORY_NAMES)
      say(
        short(t).padEnd(4, '　') +
          L.CATEGORY_NAMES.map((p) => String(m.confusion[t][p]).padStart(6)).join(''),
      );
  }
  console.log(lines.join('\n'));
  return lines.join('\n');
}
