/**
 * The admin pages' one script (served from /admin/assets, never inline: CSP `script-src 'self'`). It only
 * draws the charts: each `.chart[data-chart]` names an entry of the page's `<script type="application/json"
 * id="chart-data">`, drawn with uPlot (served by the app). The same figures are in the tables beside
 * them, so nothing is lost without JavaScript. Plain ES2017.
 */
export const ADMIN_JS = `(function(){
'use strict';
var holder=document.getElementById('chart-data');
if(!holder||!window.uPlot)return;
var charts;try{charts=JSON.parse(holder.textContent||'{}');}catch(e){return;}
var palette=['#1f5fd1','#b3261e','#13733a','#8a4b00','#6a3fb5','#00737a','#a3195b','#3d4a5c'];
// Grouped bars: with categories, series i of n sits at its own offset inside the category's slot (scale units).
function bars(n,i,grouped){
  if(!grouped||n===1)return uPlot.paths.bars({size:[0.7,80],align:0});
  var w=0.8/n;
  return uPlot.paths.bars({align:1,disp:{
    x0:{unit:1,values:function(u){return u.data[0].map(function(x){return x-0.4+i*w;});}},
    size:{unit:1,values:function(u){return u.data[0].map(function(){return w;});}}
  }});
}
function fmt(unit){return function(u,v){if(v==null)return '–';if(unit==='%')return (v*100).toFixed(1)+' %';return (Math.round(v*100)/100)+(unit?' '+unit:'');};}
document.querySelectorAll('.chart[data-chart]').forEach(function(el){
  var spec=charts[el.getAttribute('data-chart')];if(!spec)return;
  var labels=spec.labels||null;
  var series=[{label:spec.xLabel||'',value:labels?function(u,v){return labels[v]||'';}:undefined}];
  spec.series.forEach(function(s,i){
    var colour=palette[i%palette.length];
    var one={label:s.label,stroke:colour,width:2,value:fmt(spec.unit),spanGaps:true,points:{show:spec.kind!=='bars'}};
    if(spec.kind==='bars'){one.fill=colour+'cc';one.paths=bars(spec.series.length,i,!!labels);}
    series.push(one);
  });
  var axes=[{stroke:'#3d4a5c'},{stroke:'#3d4a5c',values:function(u,vals){return vals.map(function(v){return spec.unit==='%'?Math.round(v*100)+' %':v;});}}];
  if(labels){axes[0].values=function(u,vals){return vals.map(function(v){return Number.isInteger(v)?(labels[v]||''):'';});};axes[0].splits=function(){return labels.map(function(_,i){return i;});};}
  var opts={width:Math.max(280,el.clientWidth),height:240,series:series,axes:axes,
    scales:{x:labels?{time:false,range:[-0.5,labels.length-0.5]}:{time:true},
      y:spec.unit==='%'?{range:[0,1]}:spec.yMax?{range:[0,spec.yMax]}:spec.kind==='bars'?{range:function(u,min,max){return [0,max>0?max*1.1:1];}}:{}},legend:{live:true}};
  el.textContent='';
  var plot=new uPlot(opts,[spec.x].concat(spec.series.map(function(s){return s.values;})),el);
  el.setAttribute('data-drawn','true');
  window.addEventListener('resize',function(){plot.setSize({width:Math.max(280,el.clientWidth),height:240});});
});
})();
`;
