"""Write the bundled sample corpus (corpus/samples/*.pdf) from the project's own text.

The texts below were written for Sandingan; they cite real ASEAN laws, agencies and
programmes so that every stage has something to find. Run: ``python scripts/make_samples.py``.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).resolve().parent.parent / "corpus" / "samples"

EN_BRIEF = [
    ("title", "Smart City Governance in Malaysia and Thailand: A Policy Brief"),
    ("p", "Sandingan sample document, 2024. Written for testing; not a real publication."),
    ("h", "1. Introduction"),
    (
        "p",
        "Cities in South-East Asia are adopting digital technology to improve public services. "
        "This brief compares the legal basis and the main programmes of Malaysia and Thailand, "
        "and notes what Indonesia may learn from both.",
    ),
    ("h", "2. Malaysia"),
    (
        "p",
        "In Malaysia, local authorities draw their powers from the Local Government Act 1976 "
        "(Act 171). The Ministry of Housing and Local Government (KPKT) published the Malaysia "
        "Smart City Framework (MSCF) in 2018 to guide city governments. Personal data collected "
        "by smart city services is governed by the Personal Data Protection Act 2010 (Act 709).",
    ),
    (
        "p",
        "The national digital economy blueprint MyDIGITAL, led by the Malaysia Digital Economy "
        "Corporation (MDEC), supports start-ups and small firms in Cyberjaya and Kuala Lumpur. "
        "Smart mobility projects include real-time bus information and integrated fare payment.",
    ),
    ("h", "3. Thailand"),
    (
        "p",
        "Thailand's policy is framed by Thailand 4.0. The Digital Economy Promotion Agency (DEPA) "
        "certifies smart cities such as Phuket and Khon Kaen. The Cybersecurity Act B.E. 2562 and "
        "the Personal Data Protection Act B.E. 2562 set the rules for data used by city platforms.",
    ),
    (
        "p",
        "Khon Kaen installed air quality sensors and smart street lighting to reduce energy use, "
        "while Phuket deployed CCTV cameras connected to a city operations centre to improve "
        "safety for residents and tourists.",
    ),
    ("h", "4. Regional cooperation"),
    (
        "p",
        "Both countries take part in the ASEAN Smart Cities Network (ASCN), established in 2018, "
        "where cities learn from each other's pilot projects and share evaluation results.",
    ),
]

ID_ARTICLE = [
    ("title", "Kebijakan Kota Cerdas di Indonesia: Tinjauan Regulasi dan Program"),
    ("p", "Dokumen contoh Sandingan, 2023. Ditulis untuk pengujian; bukan publikasi resmi."),
    ("h", "ABSTRAK"),
    (
        "p",
        "Tulisan ini meninjau dasar hukum dan program pemerintah Indonesia dalam pengembangan "
        "kota cerdas. Pemerintah pusat dan pemerintah daerah menjalankan berbagai program untuk "
        "meningkatkan pelayanan publik berbasis teknologi informasi.",
    ),
    ("h", "PENDAHULUAN"),
    (
        "p",
        "Penyelenggaraan pemerintahan daerah diatur dalam Undang-Undang Nomor 23 Tahun 2014 "
        "tentang Pemerintahan Daerah. Sistem Pemerintahan Berbasis Elektronik (SPBE) diatur "
        "dengan Peraturan Presiden Nomor 95 Tahun 2018, sedangkan tata kelola data pemerintah "
        "diatur melalui Perpres No. 39/2019 tentang Satu Data Indonesia.",
    ),
    (
        "p",
        "Kementerian Komunikasi dan Informatika (Kominfo) bersama Badan Perencanaan Pembangunan "
        "Nasional (Bappenas) meluncurkan Gerakan Menuju 100 Smart City pada tahun 2017. Badan "
        "Siber dan Sandi Negara (BSSN) mendukung keamanan informasi layanan SPBE.",
    ),
    ("h", "HASIL DAN PEMBAHASAN"),
    (
        "p",
        "Kota Pekanbaru mengembangkan layanan pengaduan masyarakat secara daring sebagai bagian "
        "dari tata kelola cerdas. Kota Makassar memasang kamera CCTV dan membangun pusat "
        "komando untuk meningkatkan keamanan warga.",
    ),
    (
        "p",
        "Di bidang lingkungan, Kota Bandung memasang GPS pada truk sampah dan memantau kualitas "
        "udara. Program pelatihan literasi digital bagi pelaku UMKM mendorong ekonomi cerdas. "
        "Peraturan Pemerintah Nomor 59 Tahun 2022 tentang Perkotaan menetapkan enam dimensi "
        "kota cerdas sebagai acuan bagi pemerintah daerah.",
    ),
]

MIXED_INTRO = [
    ("title", "Perbandingan Kebijakan Smart City di ASEAN"),
    ("p", "Dokumen contoh Sandingan, 2025. Ditulis untuk pengujian; bukan publikasi resmi."),
    ("h", "ABSTRACT"),
    (
        "p",
        "This note compares how Indonesia, Malaysia and Thailand pursue the six smart city "
        "dimensions. Each country combines national regulation with city-level programmes, "
        "and each learns from the experience of its neighbours.",
    ),
    ("h", "ABSTRAK"),
    (
        "p",
        "Catatan ini membandingkan upaya Indonesia, Malaysia dan Thailand pada enam dimensi kota "
        "cerdas. Setiap negara memadukan regulasi nasional dengan program tingkat kota.",
    ),
    ("h", "Tabel 1. Upaya pemerintah per dimensi"),
]

MIXED_TABLE = [
    ["Dimensi", "Indonesia", "Malaysia", "Thailand"],
    [
        "Smart governance",
        "Layanan SPBE dan Satu Data Indonesia",
        "Online local council services (KPKT)",
        "Open data portal by DEPA",
    ],
    [
        "Smart mobility",
        "Bus rapid transit in Jakarta",
        "MyRapid integrated fares",
        "Smart bus tracking in Khon Kaen",
    ],
    [
        "Smart environment",
        "GPS pada truk sampah di Bandung",
        "Solid waste separation at source",
        "Air quality sensors in Chiang Mai",
    ],
    [
        "Smart living",
        "CCTV dan pusat komando Makassar",
        "Safe City monitoring in Iskandar Puteri",
        "CCTV network in Phuket",
    ],
]

MIXED_OUTRO = [
    ("h", "Kesimpulan"),
    (
        "p",
        "Malaysia dan Thailand dapat menjadi pembelajaran bagi Indonesia. Indonesia perlu "
        "memperkuat koordinasi antara Kominfo, Bappenas dan pemerintah daerah agar program "
        "Gerakan Menuju 100 Smart City berkelanjutan.",
    ),
]


def _flow(blocks: list[tuple[str, str]]) -> list:
    """Reportlab flowables for (kind, text) blocks."""
    styles = getSampleStyleSheet()
    style = {"title": styles["Title"], "h": styles["Heading2"], "p": styles["BodyText"]}
    out: list = []
    for kind, text in blocks:
        out += [Paragraph(text, style[kind]), Spacer(1, 6)]
    return out


def _table(rows: list[list[str]]) -> Table:
    """A ruled table whose cells wrap."""
    cell = getSampleStyleSheet()["BodyText"]
    data = [[Paragraph(c, cell) for c in row] for row in rows]
    table = Table(data, colWidths=[100, 125, 125, 125])
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def write(name: str, story: list, title: str) -> Path:
    """Write one sample PDF with a fixed creation date (reproducible bytes)."""
    path = OUT / name
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author="Sandingan", invariant=1)
    doc.build(story)
    return path


def main() -> None:
    """Write every sample PDF."""
    OUT.mkdir(parents=True, exist_ok=True)
    write("en_brief_smart_city_malaysia_thailand.pdf", _flow(EN_BRIEF), EN_BRIEF[0][1])
    write("id_artikel_kebijakan_kota_cerdas.pdf", _flow(ID_ARTICLE), ID_ARTICLE[0][1])
    story = _flow(MIXED_INTRO) + [_table(MIXED_TABLE), Spacer(1, 12)] + _flow(MIXED_OUTRO)
    write("mixed_perbandingan_asean_tabel.pdf", story, MIXED_INTRO[0][1])
    (OUT / "broken_download.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    print(f"wrote samples to {OUT}")


if __name__ == "__main__":
    main()
