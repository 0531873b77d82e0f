"""The Open Badge's image: a square SVG of the campaign's shield, without text, so it reads in
every language and needs no fonts."""

BADGE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="Quad Cyber Challenge">
<title>Quad Cyber Challenge</title>
<rect x="8" y="8" width="240" height="240" rx="40" fill="#0b3d6b" stroke="#ffbf47" stroke-width="10"/>
<path d="M128 44 L196 68 C196 140 172 186 128 212 C84 186 60 140 60 68 Z" fill="#ffbf47"/>
<path d="M94 128 L118 152 L164 100" fill="none" stroke="#0b3d6b" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""
