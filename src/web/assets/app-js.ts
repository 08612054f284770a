/**
 * The pages' one script (served from /web/assets, never inline: CSP `script-src 'self'`). Everything
 * works without it; it adds live updates (SSE), the push-subscribe button, and the embed's height
 * messages. Plain ES2017 so every current browser runs it untranspiled.
 */
export const APP_JS = `(function(){
'use strict';
var bar=document.querySelector('.live-bar[data-live-url]');
if(bar&&window.EventSource){
  var note=bar.querySelector('.live-note');
  var rev=bar.getAttribute('data-revision')||'0';
  var es=new EventSource(bar.getAttribute('data-live-url')+'?after='+encodeURIComponent(rev));
  es.addEventListener('open',function(){if(note)note.hidden=false;});
  es.addEventListener('update',function(ev){
    var data;try{data=JSON.parse(ev.data);}catch(e){return;}
    var live=document.getElementById('live');
    if(!live||!data.html)return;
    var box=document.createElement('div');box.innerHTML=data.html;
    var next=box.firstElementChild;if(!next)return;
    live.replaceWith(next);
    bar.setAttribute('data-revision',String(data.revision));
    if(data.title)document.title=data.title;
    if(note){note.hidden=false;note.textContent=note.getAttribute('data-updated-text');}
  });
}
var push=document.querySelector('.push[data-push-key]');
if(push){
  var btn=push.querySelector('.push-button'),status=push.querySelector('.push-status');
  if(!('serviceWorker' in navigator)||!('PushManager' in window)){status.textContent=push.getAttribute('data-push-text-unavailable');}
  else{
    btn.hidden=false;
    btn.addEventListener('click',function(){
      btn.disabled=true;
      var key=push.getAttribute('data-push-key').replace(/-/g,'+').replace(/_/g,'/');
      var raw=atob(key+'='.repeat((4-key.length%4)%4)),bytes=new Uint8Array(raw.length);
      for(var i=0;i<raw.length;i++)bytes[i]=raw.charCodeAt(i);
      navigator.serviceWorker.register('/web/sw.js',{scope:'/web/'}).then(function(reg){
        return reg.pushManager.subscribe({userVisibleOnly:true,applicationServerKey:bytes});
      }).then(function(sub){
        return fetch(push.getAttribute('data-push-url'),{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(sub)});
      }).then(function(res){
        if(!res.ok)throw new Error('push');
        btn.hidden=true;status.textContent=push.getAttribute('data-push-text-on');
      }).catch(function(){btn.disabled=false;status.textContent=push.getAttribute('data-push-text-unavailable');});
    });
  }
}
if(document.body.classList.contains('compact')&&window.parent!==window){
  var send=function(){window.parent.postMessage({type:'order-tracking:height',height:document.documentElement.scrollHeight},'*');};
  window.addEventListener('load',send);window.addEventListener('resize',send);
  if(window.MutationObserver)new MutationObserver(send).observe(document.body,{childList:true,subtree:true});
}
})();
`;

/**
 * Service worker for push (served at /web/sw.js, never inline). Shows what the server sends (`{title, body,
 * url, tag}` from the push templates): one notification per order on the device (the tag replaces an older
 * one, `renotify` still alerts). A click focuses a tab already on the tracking page, else opens it; only
 * http(s) links are opened, anything else falls back to the worker's own origin.
 */
export const SERVICE_WORKER_JS = `self.addEventListener('push',function(e){
var d={};try{d=e.data?e.data.json():{};}catch(x){d={body:e.data?e.data.text():''};}
var url=typeof d.url==='string'&&/^https?:\\/\\//.test(d.url)?d.url:self.location.origin+'/';
var opts={body:typeof d.body==='string'?d.body:'',data:{url:url}};
if(typeof d.tag==='string'&&d.tag){opts.tag=d.tag;opts.renotify=true;}
e.waitUntil(self.registration.showNotification(typeof d.title==='string'&&d.title?d.title:'Order update',opts));
});
self.addEventListener('notificationclick',function(e){
e.notification.close();
var url=e.notification.data&&e.notification.data.url||self.location.origin+'/';
e.waitUntil(self.clients.matchAll({type:'window',includeUncontrolled:true}).then(function(list){
for(var i=0;i<list.length;i++){if(list[i].url===url&&typeof list[i].focus==='function')return list[i].focus();}
return self.clients.openWindow(url);
}));
});
`;

/**
 * The snippet a shop puts on its own page:
 * <script src="https://track.example.com/web/embed.js" data-token="…" data-accent="#0a7" async></script>
 * It inserts an iframe of /embed/t/<token> after itself and follows the frame's height messages.
 */
export const EMBED_SNIPPET_JS = `(function(){
var s=document.currentScript;if(!s)return;
var origin=new URL(s.src).origin,q=new URLSearchParams();
['accent','bg','ink'].forEach(function(k){var v=s.getAttribute('data-'+k);if(v)q.set(k,v.replace('#',''));});
var f=document.createElement('iframe');
f.src=origin+'/embed/t/'+encodeURIComponent(s.getAttribute('data-token')||'')+(q.toString()?'?'+q:'');
f.title=s.getAttribute('data-title')||'Order tracking';f.loading='lazy';
f.style.cssText='width:100%;border:0;min-height:320px';
s.parentNode.insertBefore(f,s.nextSibling);
window.addEventListener('message',function(e){
  if(e.origin===origin&&e.source===f.contentWindow&&e.data&&e.data.type==='order-tracking:height')f.style.height=e.data.height+'px';
});
})();
`;
