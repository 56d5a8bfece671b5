/**
 * The timeline page's one script, served from this origin (/timeline.js) so that the page's CSP
 * can allow `script-src 'self'` and nothing inline. It adds the live update: every 30 seconds it
 * asks /timeline/new (or every `?live=N` seconds) for the events first seen since the newest one shown (same filters, the
 * session cookie for authentication) and puts them at the top. Without it the page still reads.
 */
export const TIMELINE_SCRIPT = `'use strict';
(function () {
  var live = document.getElementById('live');
  var list = document.getElementById('events');
  if (!live || !list) return;
  var after = live.getAttribute('data-after');
  var query = live.getAttribute('data-query') || '';
  var added = 0;
  // A poll every 30 s by default: new events arrive at the pace sources are polled (minutes),
  // and a background tab should not keep the server busy. The page says otherwise in
  // data-period (seconds) when it was opened with ?live=N.
  var PERIOD_MS = (Number(live.getAttribute('data-period')) || 30) * 1000;
  function poll() {
    var url = '/timeline/new' + (query ? query + '&' : '?') + 'after=' + encodeURIComponent(after);
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) return null;
        var newest = response.headers.get('x-newest-first-seen');
        return response.text().then(function (html) { return { html: html, newest: newest }; });
      })
      .then(function (result) {
        if (!result || !result.html.trim()) return;
        list.insertAdjacentHTML('afterbegin', result.html);
        if (result.newest) after = result.newest;
        added += (result.html.match(/<article /g) || []).length;
        live.hidden = false;
        live.textContent = added + ' new event' + (added === 1 ? '' : 's') + ' since this page opened';
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, PERIOD_MS); });
  }
  setTimeout(poll, PERIOD_MS);
})();
`;
