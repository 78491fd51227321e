/*
 * Qingcheng customer-service chat widget. One tag adds a chat button and panel to any page:
 *
 *   <script src="https://support.example.com/widget.js" defer
 *           data-lang="zh"                              (zh | en; default: the browser's language)
 *           data-title="青橙商城 · 在线客服"               (optional panel title)
 *           data-source-code="qr-store-12"              (optional channel code, sent as the message's "source")
 *           data-source-params="store_id=12&activity=双11"
 *           data-identity-user-id="u-1" data-identity-phone="…" data-identity-signature="…"></script>
 *
 * Sending is POST /api/webchat/messages; everything shown comes from the conversation's event stream
 * (GET /api/webchat/conversations/{id}/events, Server-Sent Events), de-duplicated by each message's sequence,
 * so a reconnect resumes after the last message shown and never shows one twice. Both go to the host the script came from
 * (its src), not to the page's site: a site other than the host's own must be listed in the host's WebChat:AllowedOrigins (CORS).
 * No cookie is sent either way: the customer id lives in this site's localStorage, an identity travels signed in the body. The panel lives in a shadow root:
 * the page's CSS does not reach it. No external script, font or image: it works offline.
 */
(function () {
  "use strict";
  if (window.CustomerServiceWidget) return; // the tag included twice adds one widget

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  // The API lives where this script was served from, whichever site embeds it.
  var base = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var lang = (data.lang || navigator.language || "zh").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  var MAX_BYTES = 4096;
  var CUSTOMER_KEY = "cs.customerId";
  var CONVERSATION_KEY = "cs.widget.conversationId";
  var MAX_BACKOFF_MS = 30000;
  var GIVE_UP_AFTER = 8; // failed reconnects in a row; the next message or going online starts again

  var TEXTS = {
    zh: {
      button: "在线客服", title: "青橙商城 · 在线客服", close: "关闭", send: "发送", input: "请输入您的问题…",
      welcome: "您好，我是青橙商城智能客服，可以问我退货、退款、发票、物流、会员积分等问题。",
      typing: "客服正在输入…", handoff: "正在为您转接人工客服…", closed: "会话已结束，发送新消息即可开始新的会话。",
      reconnecting: "连接中断，正在重新连接…", offline: "连接已断开，发送消息时将重新连接。",
      failed: "未送达，请重试", tooLong: "消息过长（最多 4096 字节）", agent: "人工客服", log: "聊天记录"
    },
    en: {
      button: "Chat with us", title: "Qingcheng Shop support", close: "Close", send: "Send", input: "Type your message…",
      welcome: "Hi! Ask me about returns, refunds, invoices, delivery or membership.",
      typing: "Typing…", handoff: "Connecting you to a human agent…", closed: "This conversation has ended; send a message to start a new one.",
      reconnecting: "Connection lost, reconnecting…", offline: "Disconnected; sending a message reconnects.",
      failed: "Not delivered, please retry", tooLong: "Message too long (max 4096 bytes)", agent: "Agent", log: "Conversation"
    }
  };
  var T = TEXTS[lang];

  function store(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    } catch (e) { /* storage blocked: keep it in memory for this page */ }
    return null;
  }

  function randomHex(bytes) {
    var arr = new Uint8Array(bytes);
    crypto.getRandomValues(arr);
    return Array.prototype.map.call(arr, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // 64 random bits: with the conversation id, this is what lets the browser (and only it) read its conversation.
  var customerId = store(CUSTOMER_KEY);
  if (!customerId || !/^web-[0-9a-f]{16}$/.test(customerId)) {
    customerId = "web-" + randomHex(8);
    store(CUSTOMER_KEY, customerId);
  }

  function readSource() {
    var code = data.sourceCode;
    if (!code || !/^[A-Za-z0-9_.:@-]{1,64}$/.test(code)) return null;
    var params = {}, count = 0;
    new URLSearchParams(data.sourceParams || "").forEach(function (value, name) {
      value = value.trim();
      if (count < 16 && /^[A-Za-z0-9_.-]{1,64}$/.test(name) && value.length > 0 && value.length <= 128 && !/[\u0000-\u001f\u007f]/.test(value)) {
        params[name] = value;
        count++;
      }
    });
    return { code: code, params: params };
  }
  var source = readSource();
  var identity = data.identitySignature
    ? { phone: data.identityPhone || null, userId: data.identityUserId || null, signature: data.identitySignature }
    : null;

  // ---- view ----------------------------------------------------------------------------------------------------
  var CSS = [
    // all: initial here, inside the shadow root where no page rule reaches: inherited page styles (letter-spacing, fonts) stop.
    ".frame { all: initial; display: block; font: 15px/1.5 -apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', Roboto, Arial, sans-serif; color: #1f2933; }",
    "*, *::before, *::after { box-sizing: border-box; }",
    ".launcher { all: unset; box-sizing: border-box; cursor: pointer; display: flex; align-items: center; gap: 8px; padding: 12px 18px; border-radius: 999px; color: #fff; font-weight: 600; background: linear-gradient(135deg, #ff7a1a, #2fa84f); box-shadow: 0 8px 24px rgba(31,41,51,.25); }",
    ".launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid rgba(47,168,79,.6); outline-offset: 2px; }",
    ".panel { position: absolute; right: 0; bottom: 64px; width: min(380px, calc(100vw - 24px)); height: min(560px, calc(100vh - 100px)); display: flex; flex-direction: column; background: #fff; border-radius: 16px; overflow: hidden; box-shadow: 0 18px 50px rgba(31,41,51,.25); }",
    ".panel[hidden] { display: none; }",
    "header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; color: #fff; background: linear-gradient(120deg, #ff7a1a, #ff9a3c 55%, #2fa84f 130%); }",
    "header h2 { all: unset; font-weight: 600; font-size: 16px; flex: 1; }",
    ".close { all: unset; cursor: pointer; width: 28px; height: 28px; text-align: center; border-radius: 50%; font-size: 20px; line-height: 28px; }",
    ".notice { padding: 6px 12px; font-size: 13px; text-align: center; }",
    ".notice[hidden] { display: none; }",
    ".handoff { background: #fff7e0; color: #b45309; border-bottom: 1px solid #f5c451; }",
    ".connection { background: #eef2f6; color: #6b7785; }",
    ".messages { flex: 1; overflow-y: auto; padding: 14px 12px; display: flex; flex-direction: column; gap: 10px; background: #fafbf9; }",
    ".message { max-width: 85%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }",
    ".message.customer { align-self: flex-end; color: #fff; background: linear-gradient(135deg, #ff7a1a, #e2620a); border-bottom-right-radius: 4px; }",
    ".message.customer.pending { opacity: .7; }",
    ".message.customer.failed { opacity: .5; border: 1px dashed #c62828; }",
    ".message.bot, .message.agent { align-self: flex-start; background: #fff; border: 1px solid #e6e9ee; border-bottom-left-radius: 4px; }",
    ".message.agent::before { content: attr(data-label); display: block; font-size: 12px; color: #2fa84f; }",
    ".message.system, .error { align-self: center; font-size: 13px; color: #6b7785; }",
    ".error { color: #c62828; }",
    ".typing { align-self: flex-start; font-size: 13px; color: #6b7785; padding: 0 4px; }",
    ".typing[hidden] { display: none; }",
    "form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e6e9ee; background: #fff; margin: 0; }",
    "textarea { flex: 1; resize: none; font: inherit; padding: 8px 10px; border: 1px solid #e6e9ee; border-radius: 12px; min-height: 40px; max-height: 120px; color: inherit; background: #f8faf8; }",
    ".send { all: unset; cursor: pointer; padding: 0 16px; border-radius: 12px; color: #fff; font-weight: 600; background: linear-gradient(135deg, #ff7a1a, #2fa84f); }",
    ".sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0,0,0,0); white-space: nowrap; }",
    "@media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s; } }"
  ].join("\n");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  // A custom tag that page selectors such as "div" do not match, placed by an inline style that page rules do not beat.
  var host = el("cs-chat-widget");
  host.id = "cs-chat-widget";
  host.style.cssText = "all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;";
  var shadow = host.attachShadow({ mode: "open" });
  var style = el("style");
  style.textContent = CSS;
  shadow.appendChild(style);
  var root = el("div", "frame");
  shadow.appendChild(root);

  var launcher = el("button", "launcher", T.button);
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "cs-panel");
  launcher.setAttribute("aria-haspopup", "dialog");

  var panel = el("section", "panel");
  panel.id = "cs-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", data.title || T.title);
  panel.lang = lang === "zh" ? "zh-CN" : "en";

  var header = el("header");
  header.appendChild(el("h2", null, data.title || T.title));
  var closeButton = el("button", "close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", T.close);
  header.appendChild(closeButton);

  var handoffBanner = el("div", "notice handoff", T.handoff);
  handoffBanner.setAttribute("role", "status");
  handoffBanner.hidden = true;
  var connectionNotice = el("div", "notice connection");
  connectionNotice.setAttribute("role", "status");
  connectionNotice.hidden = true;

  var list = el("div", "messages");
  list.setAttribute("role", "log");
  list.setAttribute("aria-live", "polite");
  list.setAttribute("aria-label", T.log);
  list.tabIndex = 0;
  list.appendChild(el("div", "message bot welcome", T.welcome));
  var typingRow = el("div", "typing", T.typing);
  typingRow.hidden = true;
  list.appendChild(typingRow);

  var form = el("form");
  var label = el("label", "sr-only", T.input);
  label.htmlFor = "cs-input";
  var input = el("textarea");
  input.id = "cs-input";
  input.rows = 1;
  input.placeholder = T.input;
  input.setAttribute("autocomplete", "off");
  var sendButton = el("button", "send", T.send);
  sendButton.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(header);
  panel.appendChild(handoffBanner);
  panel.appendChild(connectionNotice);
  panel.appendChild(list);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  function scrollToEnd() { list.scrollTop = list.scrollHeight; }

  // Bubbles still being sent stay last: what the stream delivers goes above them, in the store's order.
  function append(node) {
    list.insertBefore(node, pending[0] || typingRow);
    scrollToEnd();
    return node;
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { input.focus(); scrollToEnd(); ensureConnected(); } else { launcher.focus(); }
  }

  // ---- conversation state ----------------------------------------------------------------------------------------
  var conversationId = store(CONVERSATION_KEY);
  var lastSequence = 0;   // the last message shown: the stream resumes after it
  var pending = [];       // the customer's bubbles sent but not yet seen on the stream
  var sending = 0;
  var serverTyping = false;
  var stream = null;
  var retryTimer = null;
  var failures = 0;

  function showTyping() { typingRow.hidden = !(serverTyping || sending > 0); if (!typingRow.hidden) scrollToEnd(); }

  function showMessage(message) {
    if (typeof message.sequence !== "number" || message.sequence <= lastSequence) return; // seen already
    lastSequence = message.sequence;
    var bubble = null;
    if (message.role === "customer") {
      // The bubble put up when sending becomes this message: one bubble per message, whatever the stream replays.
      for (var i = 0; i < pending.length; i++) {
        if (pending[i].textContent === message.text) { bubble = pending.splice(i, 1)[0]; break; }
      }
    }
    if (bubble) {
      bubble.classList.remove("pending", "failed");
      append(bubble);
    } else {
      var role = /^(customer|bot|agent|system)$/.test(message.role) ? message.role : "system";
      bubble = append(el("div", "message " + role, String(message.text)));
      if (role === "agent") bubble.setAttribute("data-label", T.agent);
    }
    bubble.setAttribute("data-sequence", String(message.sequence));
    if (message.matchedIntent) bubble.setAttribute("data-intent", message.matchedIntent);
  }

  function showStatus(status) {
    handoffBanner.hidden = status !== "needs_human";
    if (status === "closed") {
      append(el("div", "message system", T.closed));
      disconnect();
      conversationId = null; // the next message opens a new conversation
      store(CONVERSATION_KEY, null);
    }
  }

  // ---- the event stream ------------------------------------------------------------------------------------------
  function disconnect() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    if (stream) { stream.close(); stream = null; }
  }

  function ensureConnected() { if (!stream || stream.readyState === 2) connect(true); }

  // force: now, with the backoff reset, replacing any stream; otherwise only when none is open or scheduled.
  function connect(force) {
    if (!conversationId) return;
    if (force) { failures = 0; disconnect(); } else if (stream || retryTimer) return;
    var url = base + "/api/webchat/conversations/" + encodeURIComponent(conversationId) + "/events?customerId="
      + encodeURIComponent(customerId) + "&after=" + lastSequence;
    var es = new EventSource(url);
    stream = es;
    es.onopen = function () { failures = 0; connectionNotice.hidden = true; };
    es.addEventListener("message", function (e) {
      try { showMessage(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped */ }
    });
    es.addEventListener("typing", function (e) {
      try { serverTyping = JSON.parse(e.data).typing === true; } catch (err) { serverTyping = false; }
      showTyping();
    });
    es.addEventListener("status", function (e) {
      try { showStatus(JSON.parse(e.data).status); } catch (err) { /* skipped */ }
    });
    // Our own reconnect instead of EventSource's: exponential backoff, and the URL carries the last sequence shown.
    es.onerror = function () {
      if (stream !== es) return;
      es.close();
      stream = null;
      serverTyping = false;
      showTyping();
      failures++;
      if (failures > GIVE_UP_AFTER) { connectionNotice.textContent = T.offline; connectionNotice.hidden = false; return; }
      connectionNotice.textContent = T.reconnecting;
      connectionNotice.hidden = false;
      var delay = Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, failures)) * (0.75 + Math.random() * 0.5);
      retryTimer = setTimeout(function () { retryTimer = null; connect(false); }, delay);
    };
  }

  window.addEventListener("online", ensureConnected);

  // ---- sending ---------------------------------------------------------------------------------------------------
  function byteLength(text) { return new TextEncoder().encode(text).length; }

  function send(text) {
    text = (text || "").trim();
    if (!text) return;
    if (byteLength(text) > MAX_BYTES) { append(el("div", "error", T.tooLong)); return; }
    var bubble = append(el("div", "message customer pending", text));
    pending.push(bubble);
    input.value = "";
    sending++;
    showTyping();
    var body = { customerId: customerId, text: text };
    if (source) body.source = source;
    if (identity) body.identity = identity;
    fetch(base + "/api/webchat/messages", {
      method: "POST",
      credentials: "omit", // the host allows other sites without credentials
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (reply) {
        if (!res.ok || !reply || !reply.conversationId) throw new Error((reply && (reply.detail || reply.title)) || T.failed);
        if (reply.conversationId !== conversationId) {
          disconnect();
          conversationId = reply.conversationId;
          lastSequence = 0;
          store(CONVERSATION_KEY, conversationId);
        }
        ensureConnected(); // the reply comes on the stream: if it is down, reconnect now rather than after the backoff
      });
    }).catch(function (err) {
      var index = pending.indexOf(bubble);
      if (index >= 0) pending.splice(index, 1);
      bubble.classList.remove("pending");
      bubble.classList.add("failed");
      append(el("div", "error", T.failed + (err && err.message && err.message !== T.failed ? " (" + err.message + ")" : "")));
      if (!input.value) input.value = text;
    }).then(function () {
      sending--;
      showTyping();
    });
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); setOpen(false); } });
  form.addEventListener("submit", function (e) { e.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); send(input.value); }
  });

  function mount() { document.body.appendChild(host); if (conversationId) connect(true); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);

  window.CustomerServiceWidget = {
    open: function () { setOpen(true); },
    close: function () { setOpen(false); },
    /** Drops the stream and opens it again from the last message shown (e.g. after the page was in the background). */
    reconnect: function () { connect(true); }
  };
})();
