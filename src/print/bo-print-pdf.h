/* bo-print-pdf.h — a BoPrintDoc as PDF, for CUPS queues and office printers
 *
 * Tickets go on ticket stock (210 × 74 mm, one per page) or on A4 (four 210 × 74 mm tickets
 * per page, with cut marks between them): the text on the left, the QR code on the right.
 * Receipts and reports flow down an A4 page (new pages as needed) or an 80 mm roll as long as
 * the paper needs. Text is set with Pango, so every script a font on the system has prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-print-doc.h"

G_BEGIN_DECLS

#define BO_TYPE_PDF_RENDERER (bo_pdf_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BoPdfRenderer, bo_pdf_renderer, BO, PDF_RENDERER, GObject)

typedef enum {
  BO_PDF_PAPER_TICKET,  /* 210 × 74 mm ticket stock */
  BO_PDF_PAPER_A4,      /* 210 × 297 mm */
  BO_PDF_PAPER_ROLL_80, /* 80 mm wide roll */
} BoPdfPaper;

/* "ticket", "a4" or "roll80". */
gboolean       bo_pdf_paper_from_string   (const char *text,
                                           BoPdfPaper *out_paper);
const char    *bo_pdf_paper_to_string     (BoPdfPaper  paper);

BoPdfRenderer *bo_pdf_renderer_new        (BoPdfPaper paper);
BoPdfPaper     bo_pdf_renderer_get_paper  (BoPdfRenderer *self);

GBytes        *bo_pdf_renderer_render     (BoPdfRenderer *self,
                                           BoPrintDoc    *doc,
                                           GError       **error);

G_END_DECLS
