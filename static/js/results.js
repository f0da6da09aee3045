/* Draw a question's aggregate results: bars, a distribution, flags, an order, words. */
"use strict";

var Results = (function () {
  var el = Classroom.el, t = Classroom.t;
  var FLAGS = ["green", "yellow", "red", "black"];

  function percent(count, total) { return total ? Math.round((100 * count) / total) : 0; }

  /* One horizontal bar: label, bar (width set through the CSSOM, which the CSP allows), count. */
  function bar(label, count, total, extra) {
    var fillBar = el("span", { className: "fill" });
    fillBar.style.width = percent(count, total) + "%";
    return el("li", { className: "bar " + (extra || ""), "data-count": count }, [
      el("span", { className: "bar-label", text: label }),
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
      var item = bar(label, count, results.total, correct ? "correct" : ""); /* total leaves passes out */
      if (correct) item.insertBefore(el("span", { className: "mark", text: "✓ " + t("correct") }), item.firstChild);
      list.appendChild(item);
    });
    var parts = [list];
    if (results.explanation) parts.push(el("p", { className: "explanation", text: results.explanation }));
    return parts;
  }

  function scale(results, question) {
    var top = Math.max.apply(null, results.counts.concat([1]));
    var columns = el("ol", { className: "scale-chart" });
    results.counts.forEach(function (count, index) {
      var column = el("span", { className: "column" });
      column.style.height = Math.round((100 * count) / top) + "%";
      columns.appendChild(el("li", { "data-count": count }, [
        el("span", { className: "column-count", text: String(count) }), column,
        el("span", { className: "column-label", text: String(index + 1) })
      ]));
    });
    var names = question.labels || [];
    var ends = el("p", { className: "scale-ends" }, [
      el("span", { text: "1 = " + (names[0] || question.low || "") }),
      el("span", { text: results.counts.length + " = " + (names[names.length - 1] || question.high || "") })
    ]);
    var mean = results.mean == null ? null : el("p", { className: "mean", text: "⌀ " + results.mean });
    return [columns, ends, mean];
  }

  function flag(results, question) {
    var labels = {};
    (question.flags || []).forEach(function (f) { labels[f.id] = f.label; });
    var given = results.total; /* real answers: passes are counted apart */
    var list = el("ol", { className: "bars flags" });
    FLAGS.forEach(function (id) {
      var item = bar(labels[id] || t("flag_" + id), results.counts[id] || 0, given, "flag-" + id + (results.expected === id ? " correct" : ""));
      if (results.expected === id) item.insertBefore(el("span", { className: "mark", text: "✓" }), item.firstChild);
      list.appendChild(item);
    });
    var parts = [list];
    if (results.criteria && question.criteria) {
      var why = el("ol", { className: "bars criteria" });
      question.criteria.forEach(function (c) { why.appendChild(bar(c.label, results.criteria[c.id] || 0, given)); });
      parts.push(why);
    }
    return parts;
  }

  function rank(results, question) {
    var list = el("ol", { className: "rank-order" });
    results.order.forEach(function (index) {
      list.appendChild(el("li", {}, [
        el("span", { text: (question.options || [])[index] || String(index + 1) }),
        el("span", { className: "score", text: "⌀ " + results.scores[index] })
      ]));
    });
    return [list];
  }

  function words(results) {
    var top = Math.max.apply(null, results.words.map(function (w) { return w.count; }).concat([1]));
    var cloud = el("p", { className: "cloud" });
    results.words.forEach(function (word) {
      var span = el("span", { className: "word", text: word.text, "data-count": word.count });
      span.style.fontSize = (1 + (1.6 * word.count) / top).toFixed(2) + "em";
      cloud.appendChild(span);
      cloud.appendChild(document.createTextNode(" "));
    });
    return [cloud];
  }

  var DRAW = { choice: options, check: options, multi: options, scale: scale, flag: flag, rank: rank, text: words };

  /* Return the elements that show these results (for the question they belong to). */
  function draw(results, question) {
    var parts = (DRAW[results.kind] || function () { return []; })(results, question || {});
    var total = el("p", { className: "totals", text: t("answers", { count: results.total }) +
      (results.passed ? " · " + t("passed", { count: results.passed }) : "") });
    return el("div", { className: "results results-" + results.kind }, parts.concat([total]));
  }

  return { draw: draw };
})();
