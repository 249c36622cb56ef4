namespace Laoshi.Bench.Browser;

/// <summary>Scripts put into the page to time it from the inside with the Performance API.</summary>
public static class PageProbes
{
    /// <summary>
    /// Marks "laoshi-submit" when the Submit button is pressed and "laoshi-next-drawn" at the first animation
    /// frame after the workspace names its next item, and measures between them.
    /// </summary>
    public const string SubmitToNext = """
        () => {
          window.__submitToNext = [];
          document.addEventListener('click', e => {
            if (e.target.closest && e.target.closest('button[aria-label="Submit"]')) performance.mark('laoshi-submit');
          }, true);
          const root = document.querySelector('[data-item-id]');
          new MutationObserver(() => {
            if (!root.hasAttribute('data-item-id')) return;
            requestAnimationFrame(() => {
              performance.mark('laoshi-next-drawn');
              const m = performance.measure('laoshi-submit-to-next', 'laoshi-submit', 'laoshi-next-drawn');
              window.__submitToNext.push(m.duration);
              performance.clearMarks();
            });
          }).observe(root, { attributes: true, attributeFilter: ['data-item-id'] });
        }
        """;

    /// <summary>
    /// Times each mouse move from before the workspace's handler to after the layout it causes (script, style
    /// and layout of one frame), and records animation frame intervals while the drag lasts.
    /// </summary>
    public const string DragFrames = """
        () => {
          window.__moveWork = [];
          window.__frames = [];
          let started = 0;
          window.addEventListener('mousemove', () => { started = performance.now(); }, true);
          window.addEventListener('mousemove', () => {
            document.querySelector('svg.overlay')?.getBoundingClientRect();
            document.body.offsetHeight;
            window.__moveWork.push(performance.now() - started);
          });
          let last = 0;
          const tick = now => { if (last) window.__frames.push(now - last); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        }
        """;

    /// <summary>
    /// On the data page: "open" sets the hash to the data page, "next" presses "Load more"; resolves with the
    /// milliseconds from then to the first animation frame after more item cards are in the grid.
    /// </summary>
    public const string GridTime = """
        async ([mode, hash]) => {
          const cards = () => document.querySelectorAll('ul.grid > li.item-card').length;
          const before = mode === 'open' ? 0 : cards();
          let more = null;
          if (mode === 'next') {
            // The button is enabled again once the previous page has landed, and hidden after the last page (-1).
            const button = () => [...document.querySelectorAll('button')].find(b => b.textContent === 'Load more');
            for (let i = 0; i < 1200 && button()?.disabled; i++) await new Promise(r => setTimeout(r, 50));
            more = button();
            if (!more || more.disabled) throw new Error('the "Load more" button stayed busy');
            if (more.hidden) return -1;
          }
          const t0 = performance.now();
          const shown = new Promise((resolve, reject) => {
            const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no new cards within 60 s')); }, 60000);
            const observer = new MutationObserver(() => {
              if (cards() > before) { observer.disconnect(); clearTimeout(timer); resolve(); }
            });
            observer.observe(document.body, { childList: true, subtree: true });
          });
          if (mode === 'open') location.hash = hash; else more.click();
          await shown;
          await new Promise(r => requestAnimationFrame(() => r()));
          return performance.now() - t0;
        }
        """;
}
