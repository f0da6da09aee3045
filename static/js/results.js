/* Draw a question's aggregate results: bars, a distribution, flags, an order, phrases. */
"use strict";

var Results = (function () {
  var el = Classroom.el, t = Classroom.t, n = Classroom.n;
  var FLAGS = ["green", "yellow", "red", "black"];
  var LETTERS = "ABCDEFGHIJ";

  function percent(count, total) { return total ? Math.round((100 * count) / total) : 0; }

  /* The letter of option `index`: the same on the projector, the phones and the remote. */
  function letter(index) { return el("span", { className: "letter", "aria-hidden": "true", text: LETTERS.charAt(index) }); }

  /* A flag's colour swatch with its shape; the name is always written beside it. */
  function swatch(id) {
    return el("span", { className: "swatch flag-" + id, "aria-hidden": "true" }, [el("span", { className: "shape shape-" + id })]);
  }

  /* One bar: its label above, the bar (width set through the CSSOM, which the CSP allows) and its count. */
  function bar(label, count, total, extra, badge) {
    var fillBar = el("span", { className: "fill" });
    fillBar.style.width = percent(count, total) + "%";
    return el("li", { className: "bar " + (extra || ""), "data-count": count }, [
      el("span", { className: "bar-label" }, [badge, el("span", { text: label })]),
      el("span", { className: "track", "aria-hidden": "true" }, [fillBar]),
      el("span", { className: "bar-count", text: count + " · " + percent(count, total) + "%" })
    ]);
  }

  function options(results, question) {
    var list = el("ol", { className: "bars" });
    var marked = [].concat(results.correct == null ? [] : results.correct);
    results.counts.forEach(function (count, index) {
      var correct = marked.indexOf(index) >= 0;
      var label = (question.options || [])[index] || String(index + 1);
      var item = bar(label, count, results.total, correct ? "correct" : "", letter(index)); /* total leaves passes out */
      if (correct) item.firstChild.appendChild(el("span", { className: "tag", text: t("correct") }));
      list.appendChild(item);
    });
    var parts = [list];
    if (results.explanation) parts.push(el("p", { className: "explanation", text: results.explanation }));
    return parts;
  }

  function decimal(value) {
    return Number(value).toLocaleString(document.documentElement.lang || undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  function scale(results, question) {
    var top = Math.max.apply(null, results.counts.concat([1]));
    var names = question.labels || [];
    var columns = el("ol", { className: "scale-chart", "aria-label": t("distribution") });
    var axis = el("ol", { className: "scale-axis", "aria-hidden": "true" });
    results.counts.forEach(function (count, index) {
      var column = el("span", { className: "column" });
      column.style.height = Math.round((85 * count) / top) + "%";
      var name = names[index] || (index === 0 ? question.low : index === results.counts.length - 1 ? question.high : "") || "";
      columns.appendChild(el("li", { "data-count": count }, [
        /* the count sits on its column, in words for screen readers: never read as an axis label */
        el("span", { className: "column-count", text: String(count) }),
        el("span", { className: "visually-hidden", text: " · " + (index + 1) + (name ? " " + name : "") }),
        column
      ]));
      axis.appendChild(el("li", {}, [el("b", { text: String(index + 1) }), name]));
    });
    var mean = results.mean == null ? null : el("p", { className: "mean", text: t("mean", { mean: decimal(results.mean) }) });
    return [columns, axis, mean];
  }

  function flag(results, question) {
    var labels = {};
    (question.flags || []).forEach(function (f) { labels[f.id] = f.label; });
    var given = results.total; /* real answers: passes are counted apart */
    var list = el("ol", { className: "bars flags" });
    FLAGS.forEach(function (id) {
      var expected = results.expected === id;
      var item = bar(labels[id] || t("flag_" + id), results.counts[id] || 0, given, "flag-" + id + (expected ? " expected" : ""), swatch(id));
      if (expected) item.firstChild.appendChild(el("span", { className: "tag", text: t("expected_tag") }));
      list.appendChild(item);
    });
    var parts = [el("div", { className: "flag-results" }, [list])];
    if (results.expected) {
      var name = labels[results.expected] || t("flag_" + results.expected);
      parts.push(el("p", { className: "legend", text: t("expected_legend", { flag: name.toLocaleLowerCase() }) }));
    }
    if (results.criteria && question.criteria) {
      var why = el("ol", { className: "bars criteria", "aria-labelledby": "criteria-title" });
      question.criteria.forEach(function (c) { why.appendChild(bar(c.label, results.criteria[c.id] || 0, given)); });
      parts[0].appendChild(el("div", { className: "criteria-box" }, [el("p", { className: "criteria-title", id: "criteria-title", text: t("criteria") }), why]));
    }
    return parts;
  }

  function rank(results, question) {
    var list = el("ol", { className: "rank-order" });
    results.order.forEach(function (index) {
      list.appendChild(el("li", {}, [
        el("span", { text: (question.options || [])[index] || String(index + 1) }),
        el("span", { className: "score", text: t("average_place", { score: decimal(results.scores[index]) }) })
      ]));
    });
    return [list];
  }

  /* Free text: whole approved answers, the same ones counted together, larger as more sent them. */
  function phrases(results) {
    var top = Math.max.apply(null, results.phrases.map(function (p) { return p.count; }).concat([1]));
    var list = el("ul", { className: "phrases" });
    results.phrases.forEach(function (phrase) {
      var item = el("li", { className: "phrase", "data-count": phrase.count }, [
        el("span", { className: "phrase-text", text: phrase.text }),
        phrase.count > 1 ? el("span", { className: "phrase-count", text: "×" + phrase.count, "aria-label": n("times", phrase.count) }) : null
      ]);
      item.style.fontSize = (1 + (0.9 * (phrase.count - 1)) / Math.max(1, top - 1)).toFixed(2) + "em";
      list.appendChild(item);
    });
    return [list];
  }

  var DRAW = { choice: options, check: options, multi: options, scale: scale, flag: flag, rank: rank, text: phrases };

  /* Return the elements that show these results (for the question they belong to). */
  function draw(results, question) {
    var parts = (DRAW[results.kind] || function () { return []; })(results, question || {});
    var total = el("p", { className: "totals", text: n("answers", results.total) +
      (results.passed ? " · " + n("passed", results.passed) : "") });
    return el("div", { className: "results results-" + results.kind }, parts.concat([total]));
  }

  return { draw: draw, letter: letter, swatch: swatch, decimal: decimal };
})();
