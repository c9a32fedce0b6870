"""A PDF is opened only if it can be rendered: unreadable and encrypted files are refused with the reason."""

import pymupdf
import pytest

from newsstand.ingestion.pdf import UnreadablePdfError, pdf_open


def pdf_with_pages(*texts: str, width: float = 595, height: float = 842) -> bytes:
    document = pymupdf.open()
    for text in texts:
        page = document.new_page(width=width, height=height)
        page.insert_text((72, 100), text, fontsize=20)
    return document.tobytes()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a readable PDF"),
        (b"%PDF-1.7\n garbage that is not a pdf", "not a readable PDF"),
        (pdf_with_pages("x")[:200], "not a readable PDF"),
    ],
)
def test_unreadable_pdfs_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadablePdfError, match=reason):
        pdf_open(data)


def test_encrypted_pdf_is_refused():
    document = pymupdf.open(stream=pdf_with_pages("secret"))
    encrypted = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    with pytest.raises(UnreadablePdfError, match="encrypted"):
        pdf_open(encrypted)
