// Browser script shared by the office's public pages (hall display, waiting status), as text.

/**
 * `oneAtATime(load)`: doorbells ring faster than answers come back, and answers can arrive out of
 * order; an older view applied after a newer one shows stale calls until the next poll. So one
 * fetch runs at a time, and a ring during it fetches once more when it ends. `load` never rejects.
 */
export const ONE_FETCH_AT_A_TIME = `
  function oneAtATime(load) {
    var running = null;
    var again = false;
    function run() {
      if (running) { again = true; return running; }
      running = load().then(function () {
        running = null;
        if (again) { again = false; return run(); }
      });
      return running;
    }
    return run;
  }`;
