/**
 * The pages' one stylesheet: phone first (from 320 px), system fonts (no downloads), colours chosen for
 * WCAG AA contrast (text ≥ 4.5:1 on its background), visible focus, and reduced motion respected.
 * Kept as a string module so the build ships it without a copy step.
 */
export const APP_CSS = `
:root{--ink:#1b1f24;--muted:#56606b;--line:#dde1e6;--bg:#f4f6f8;--card:#fff;--accent:#1f5fd1;--accent-ink:#fff;
--ok:#13733a;--ok-bg:#e6f4ea;--warn:#8a4b00;--warn-bg:#fff4e0;--bad:#b3261e;--bad-bg:#fdecea;--radius:14px;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
.wrap{max-width:44rem;margin:0 auto;padding:0 12px}
.skip{position:absolute;left:-999px;top:0;background:var(--ink);color:#fff;padding:8px 12px;z-index:9}
.skip:focus{left:8px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
main:focus{outline:none}
.top{background:var(--card);border-bottom:1px solid var(--line)}
.top-inner{display:flex;align-items:center;gap:8px;min-height:52px;font-weight:650}
.brand-logo{border-radius:6px}
h1{font-size:1.4rem;line-height:1.25;margin:0 0 8px}
h2{font-size:1.05rem;margin:0 0 10px}
.small-head{font-size:.95rem;margin:10px 0 2px}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:16px;margin:12px 0}
.muted{color:var(--muted)}.small{font-size:.875rem}
.live-bar{display:flex;justify-content:space-between;align-items:baseline;gap:8px;flex-wrap:wrap;margin-top:12px}
.order-code{margin:0;font-weight:600;color:var(--muted)}
.live-note{margin:0}
.live-note::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;background:var(--ok);margin-right:6px}
.status{border-top:6px solid var(--accent)}
.tone-done{border-top-color:var(--ok)}.tone-warn{border-top-color:#c77700}.tone-bad{border-top-color:var(--bad)}
.icon{display:inline-block;width:.9em;height:.9em;margin-right:.35em;border-radius:50%;background:var(--accent);vertical-align:-.05em}
.icon-done{background:var(--ok)}.icon-warn{background:#c77700;border-radius:2px;transform:rotate(45deg) scale(.85)}.icon-bad{background:var(--bad);border-radius:2px}
.situation{background:var(--warn-bg);color:var(--warn);border-radius:10px;padding:10px 12px;margin:8px 0}
.tone-bad .situation{background:var(--bad-bg);color:var(--bad)}
.situation p{margin:0}
.eta{margin-top:8px}
.eta-label{margin:0;color:var(--muted);font-size:.875rem;text-transform:uppercase;letter-spacing:.04em}
.eta-main{margin:0;font-size:1.6rem;font-weight:700;line-height:1.2}
.eta-range{margin:2px 0 0;color:var(--muted)}
.eta-late{margin:6px 0 0;color:var(--bad);font-weight:600}
.eta-none{margin:8px 0 0;color:var(--muted)}
.steps{list-style:none;margin:0;padding:0;counter-reset:s}
.step{position:relative;padding:0 0 18px 34px;min-height:28px}
.step::before{content:"";position:absolute;left:10px;top:22px;bottom:0;width:3px;background:var(--line)}
.step:last-child::before{display:none}
.step.done::before{background:var(--ok)}
.dot{position:absolute;left:2px;top:2px;width:19px;height:19px;border-radius:50%;border:3px solid var(--line);background:var(--card)}
.done .dot{background:var(--ok);border-color:var(--ok)}
.current .dot{border-color:var(--accent);background:var(--accent);box-shadow:0 0 0 5px #d6e3fa}
.complete .current .dot{border-color:var(--ok);background:var(--ok);box-shadow:0 0 0 5px var(--ok-bg)}
.troubled .current .dot{border-color:#c77700;background:#c77700;box-shadow:0 0 0 5px #ffe3b8}
.step-name{font-weight:600}.todo .step-name{color:var(--muted);font-weight:500}
.current .step-name{font-size:1.05rem}
.step-at{display:block;color:var(--muted);font-size:.8rem}
@media (min-width:560px){
.steps{display:grid;grid-template-columns:repeat(5,1fr);gap:4px}
.step{padding:34px 0 0;text-align:center;font-size:.9rem}
.step::before{left:50%;right:-50%;top:11px;width:auto;height:3px;bottom:auto}
.dot{left:calc(50% - 10px);top:0}
}
.carrier{display:grid;grid-template-columns:auto 1fr;gap:8px 14px;align-items:center}
.carrier-logo{border-radius:6px}
.carrier-facts{margin:0;display:flex;flex-wrap:wrap;gap:4px 18px}
.carrier-facts dt{font-size:.8rem;color:var(--muted)}.carrier-facts dd{margin:0;font-weight:600}
.tracking-number{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.carrier-link{grid-column:1/-1}
.button{display:inline-block;font:inherit;font-weight:600;border:2px solid var(--accent);background:var(--accent);color:var(--accent-ink);border-radius:10px;padding:10px 16px;min-height:44px;text-decoration:none;cursor:pointer;text-align:center}
.button.secondary{background:transparent;color:var(--accent)}
.button.wide{width:100%}
.map{display:block;width:100%;height:auto;border-radius:10px}
.map-sea{fill:#dfeaf5}
.map-route{fill:none;stroke:var(--accent);stroke-width:4;stroke-dasharray:10 8;stroke-linecap:round}
.map-scan circle{fill:#fff;stroke:var(--accent);stroke-width:4}.map-last circle{fill:var(--accent)}
.map text{font-size:24px;font-weight:700;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:6px;stroke-linejoin:round}
@media (min-width:560px){.map text{font-size:18px}}
.map-dest circle{fill:#fde7e4;stroke:var(--bad);stroke-width:4}.map-dest .map-dest-dot{fill:var(--bad);stroke:none}
.events{list-style:none;margin:0;padding:0}
.event{display:grid;gap:0 10px;padding:10px 0;border-top:1px solid var(--line)}
.event:first-child{border-top:0}
.event time{font-size:.85rem;color:var(--muted)}
.event-text{font-weight:500}.latest .event-text{font-weight:700}
.event-place{font-size:.9rem;color:var(--muted)}
@media (min-width:560px){.event{grid-template-columns:9.5rem 1fr}.event-place{grid-column:2}}
.items{margin:0 0 8px;padding-left:0;list-style:none}.qty{color:var(--muted)}
fieldset{border:0;margin:0 0 12px;padding:0}
legend{font-weight:600;margin-bottom:6px;padding:0}
.toggle{display:flex;align-items:center;gap:10px;min-height:44px}
.toggle input{width:22px;height:22px;accent-color:var(--accent)}
.field{margin:0 0 14px}.field label{display:block;font-weight:600;margin-bottom:4px}
input[type=text],select,textarea{font:inherit;width:100%;padding:10px 12px;border:2px solid #8a949e;border-radius:10px;background:#fff;color:var(--ink);min-height:44px}
.hint{margin:4px 0 0;font-size:.875rem;color:var(--muted)}
.notice{border-radius:10px;padding:10px 12px}.notice.ok{background:var(--ok-bg);color:var(--ok)}.notice.bad{background:var(--bad-bg);color:var(--bad)}.notice.warn{background:var(--warn-bg);color:var(--warn)}
.stars{display:flex;flex-wrap:wrap;gap:6px}.stars legend{width:100%}
.star input{position:absolute;opacity:0}
.star label{display:inline-block;min-width:52px;min-height:44px;padding:9px 10px;border:2px solid #8a949e;border-radius:10px;text-align:center;cursor:pointer;font-weight:600}
.star input:checked+label{background:var(--accent);border-color:var(--accent);color:#fff}
.star input:focus-visible+label{outline:3px solid var(--accent);outline-offset:2px}
.order-list{list-style:none;padding:0;margin:0}
.order-row{display:grid;gap:6px}
.order-link{font-weight:700;color:var(--accent);font-size:1.05rem}
.order-facts{margin:0;display:flex;flex-wrap:wrap;gap:2px 18px;font-size:.9rem}.order-facts dt{color:var(--muted);font-size:.8rem}.order-facts dd{margin:0}
.badge{justify-self:start;font-size:.85rem;font-weight:600;border-radius:999px;padding:2px 10px;background:#e7eefb;color:#1a4fae}
.status-delivered{background:var(--ok-bg);color:var(--ok)}
.status-exception,.status-cancelled,.status-returned_to_sender{background:var(--bad-bg);color:var(--bad)}
.status-delivery_attempted,.status-available_for_pickup{background:var(--warn-bg);color:var(--warn)}
.foot{color:var(--muted);font-size:.85rem;padding-bottom:24px}
.compact .wrap{padding:0 8px}.compact .card{margin:8px 0}
.embed-brand{display:flex;align-items:center;gap:8px;font-weight:700;margin:8px 0}
a{color:var(--accent)}
@media (prefers-reduced-motion:no-preference){#live{transition:opacity .2s}}
`;
