/**
 * The admin pages' stylesheet: desktop-first but usable from 360 px (tables scroll inside their card,
 * never the page), system fonts, WCAG AA colours (text ≥ 4.5:1), visible focus. A string module, as the
 * customer pages' stylesheet, so the build ships it without a copy step.
 */
export const ADMIN_CSS = `
:root{--ink:#1b1f24;--muted:#56606b;--line:#d5dae0;--bg:#f4f6f8;--card:#fff;--accent:#1f5fd1;--ok:#13733a;--ok-bg:#e6f4ea;
--warn:#8a4b00;--warn-bg:#fff4e0;--bad:#b3261e;--bad-bg:#fdecea;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px;top:0;background:var(--ink);color:#fff;padding:8px 12px;z-index:9}.skip:focus{left:8px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}main:focus{outline:none}
.wrap{max-width:80rem;margin:0 auto;padding:0 16px}
.top{background:#18212e;color:#fff}
.top-inner{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;min-height:52px}
.brand{font-weight:700;margin-right:8px}
.nav{display:flex;flex-wrap:wrap;gap:2px;margin:0;padding:0;list-style:none}
.nav a{display:block;color:#fff;text-decoration:none;padding:12px 10px;border-bottom:3px solid transparent}
.nav a[aria-current=page]{border-bottom-color:#8fb3ff;font-weight:650}
.nav a:hover{background:#26344a}
.who{margin-left:auto;display:flex;align-items:center;gap:10px;font-size:.9rem}
.who form{margin:0}
.link-button{font:inherit;background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;padding:8px 4px;min-height:36px}
h1{font-size:1.45rem;margin:18px 0 6px}h2{font-size:1.1rem;margin:0 0 10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin:14px 0}
.muted{color:var(--muted)}.small{font-size:.85rem}
.synthetic{background:var(--warn-bg);color:var(--warn);border-radius:8px;padding:8px 12px;margin:10px 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:10px;margin:0;padding:0;list-style:none}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px}
.kpi-label{margin:0;font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.kpi-value{margin:2px 0 0;font-size:1.5rem;font-weight:700;overflow-wrap:anywhere}
.kpi-note{margin:0;font-size:.8rem;color:var(--muted)}
.table-scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:650;padding:0 0 8px}
th,td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
.field{display:flex;flex-direction:column;gap:3px}.field label{font-weight:600;font-size:.9rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=datetime-local],select,textarea{font:inherit;padding:7px 9px;border:2px solid #7c8791;border-radius:8px;background:#fff;color:var(--ink);min-height:40px}
textarea{width:100%;min-width:min(100%,24rem);min-height:70px}
fieldset{border:0;margin:0 0 12px;padding:0}legend{font-weight:600;margin-bottom:4px;padding:0}
.toggle{display:flex;align-items:center;gap:8px;min-height:36px}.toggle input{width:20px;height:20px}
.button{display:inline-block;font:inherit;font-weight:600;border:2px solid var(--accent);background:var(--accent);color:#fff;border-radius:8px;padding:7px 14px;min-height:40px;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:var(--accent)}
.button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:6px;align-items:flex-start}.actions form{margin:0}
.inline-form{display:flex;flex-wrap:wrap;gap:6px;align-items:flex-end;margin:0}
.notice{border-radius:8px;padding:9px 12px;margin:10px 0}.notice.ok{background:var(--ok-bg);color:var(--ok)}.notice.bad{background:var(--bad-bg);color:var(--bad)}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;background:#fff;border:2px dashed var(--ok);padding:8px;word-break:break-all;color:var(--ink)}
.badge{display:inline-block;font-size:.8rem;font-weight:600;border-radius:999px;padding:1px 9px;background:#e7eefb;color:#1a4fae;white-space:nowrap}
.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.warn{background:var(--warn-bg);color:var(--warn)}.badge.bad{background:var(--bad-bg);color:var(--bad)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:14px}
.chart-box{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px;min-width:0}
.chart-box h2{font-size:1rem}
.chart{min-height:240px}
.chart-fallback{margin:0}
.sign-in{max-width:24rem;margin:40px auto}
.sign-in .field{margin-bottom:12px}.sign-in input{width:100%}
pre.raw{white-space:pre-wrap;word-break:break-all;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;font-size:.85rem}
.foot{color:var(--muted);font-size:.85rem;padding:16px 16px 28px}
a{color:var(--accent)}
@media (max-width:640px){.who{margin-left:0}.kpi-value{font-size:1.25rem}}
`;
