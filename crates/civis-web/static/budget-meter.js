// civis: the knapsack budget meter, live. Without this script the "Update total"
// button recomputes the meter on the server; with it, the meter follows each click.
(function () {
  'use strict';
  var form = document.querySelector('form[data-meter]');
  if (!form) return;
  var sep = form.getAttribute('data-sep') || ',';
  function money(n) {
    var s = String(n), out = '';
    for (var i = 0; i < s.length; i++) {
      if (i > 0 && (s.length - i) % 3 === 0) out += sep;
      out += s.charAt(i);
    }
    return out;
  }
  function update(unit) {
    var limit = Number(unit.getAttribute('data-limit')) || 0;
    var used = 0;
    unit.querySelectorAll('input[type=checkbox][data-cost]').forEach(function (box) {
      if (box.checked) used += Number(box.getAttribute('data-cost')) || 0;
    });
    var usedEl = unit.querySelector('[data-used]');
    var leftEl = unit.querySelector('[data-left]');
    var meter = unit.querySelector('meter');
    var over = unit.querySelector('[data-over]');
    if (usedEl) usedEl.textContent = money(used);
    if (leftEl) leftEl.textContent = money(Math.max(0, limit - used));
    if (meter) meter.value = used;
    if (over) over.hidden = used <= limit;
  }
  form.querySelectorAll('fieldset[data-unit]').forEach(function (unit) {
    unit.addEventListener('change', function () { update(unit); });
  });
})();
