/* global window, fetch, URLSearchParams, PerformanceObserver, setTimeout */
/*
 * Reads that start before the app's code has even loaded. The alignment map of a large cycle
 * needs one big read (the cycle's tree); the server takes a while to answer it, and the app's
 * main bundle takes a while to download, parse and start. index.html runs this small script
 * first — a plain blocking script in the head, so it runs before the app's module whatever
 * arrives first, while the browser already downloads the bundle — so the two waits overlap
 * instead of adding up: opening /orgs/<org>/alignment asks for the cycles and the map's tree
 * straight away.
 *
 * Plain JavaScript served as is from web/public (Vite leaves it alone): it must stay tiny and
 * must not wait for the bundle. The app takes the reads with `takeEarlyRead`
 * (web/src/lib/early-reads.ts), which also holds their paths; a read that failed answers null
 * and the page reads again the ordinary way (lib/api.ts handles errors and signing in).
 */
(function startEarlyReads() {
  'use strict';
  var match = /^\/orgs\/([^/]+)\/alignment\/?$/.exec(window.location.pathname);
  if (!match || typeof fetch !== 'function' || typeof Map !== 'function') return;
  var org;
  try {
    org = decodeURIComponent(match[1]);
  } catch {
    return;
  }
  var reads = (window.__okrEarlyReads = window.__okrEarlyReads || new Map());
  var base = '/orgs/' + encodeURIComponent(org);

  function read(path) {
    var response = fetch('/api/v1' + path, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (answer) {
        return answer.ok ? answer.json() : null;
      })
      .catch(function () {
        return null;
      });
    var entry = { response: response, at: Date.now() };
    reads.set(path, entry);
    // Not taken in time (the page went elsewhere): let the answer go.
    setTimeout(function () {
      if (reads.get(path) === entry) reads.delete(path);
    }, 30000);
    return response;
  }

  function treePath(cycleId) {
    return base + '/cycles/' + encodeURIComponent(cycleId) + '/tree';
  }

  /*
   * The server works out a big tree in one go; meanwhile it answers nothing else. So the tree
   * is asked for once the app's own script has arrived (or after a while without news of it),
   * never in front of it.
   */
  function afterAppScript(start) {
    var started = false;
    var observer = null;
    function go() {
      if (started) return;
      started = true;
      if (observer) observer.disconnect();
      start();
    }
    if (typeof PerformanceObserver !== 'function') return go();
    observer = new PerformanceObserver(function (list) {
      var entries = list.getEntries();
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].initiatorType === 'script' && !/early-reads\.js$/.test(entries[i].name)) {
          return go();
        }
      }
    });
    try {
      observer.observe({ type: 'resource', buffered: true });
    } catch {
      return go();
    }
    setTimeout(go, 1500);
  }

  var cycleId = new URLSearchParams(window.location.search).get('cycle');
  var cycles = read(base + '/cycles?limit=200');
  // The cycle the map opens on, as the page chooses it (defaultCycle in
  // web/src/features/alignment-map/api/alignment-tree.ts): the active one, else the latest.
  var chosen = cycleId
    ? Promise.resolve(cycleId)
    : cycles.then(function (page) {
        var items = (page && page.items) || [];
        var choice = null;
        for (var i = 0; i < items.length; i++) {
          var cycle = items[i];
          if (cycle.status === 'active') return cycle.id;
          if (!choice || cycle.startDate > choice.startDate) choice = cycle;
        }
        return choice && choice.id;
      });
  // The page takes early reads only once this settles, so it never races one still to start.
  window.__okrEarlyReadsStarted = new Promise(function (resolve) {
    afterAppScript(function () {
      chosen.then(function (id) {
        if (id) read(treePath(id));
        resolve();
      });
    });
  });
})();
