/* bo-escpos.h — a BoPrintDoc as an ESC/POS byte stream for 80 mm and 58 mm receipt printers
 *
 * Epson TM-T88/TM-m30 class printers and compatibles: font A is 12 × 24 dots at 203 dpi, so
 * 80 mm paper holds 48 columns in 576 dots and 58 mm paper 32 columns in 384 dots.
 *
 * Text is sent in a code page the printer has, chosen per line from a list in order of
 * preference (ESC t n): PC858 (Western European with €), WPC1250 and PC852 (Central European:
 * Č Ć Đ Š Ž) by default. A line with a character none of them has is drawn with Pango and sent
 * as a raster image (GS v 0), so no letter is ever printed as "?". QR codes go through the
 * printer's own QR command (GS ( k: model 2, error correction M) or, for printers without one,
 * as a raster image made with libqrencode. Each piece of paper ends with a partial cut
 * (GS V 66 0); a drawer kick is ESC p 0 25 250 (pin 2, 50 ms on, 500 ms off).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-print-doc.h"

G_BEGIN_DECLS

#define BO_TYPE_ESCPOS_RENDERER (bo_escpos_renderer_get_type ())
G_DECLARE_FINAL_TYPE (BoEscposRenderer, bo_escpos_renderer, BO, ESCPOS_RENDERER, GObject)

typedef enum {
  BO_ESCPOS_QR_NATIVE, /* GS ( k */
  BO_ESCPOS_QR_RASTER, /* GS v 0 image from libqrencode */
} BoEscposQrMode;

/* Default code pages, in order of preference. */
#define BO_ESCPOS_DEFAULT_CODE_PAGES "PC858,WPC1250,PC852"

/* @paper_width_mm: 58 or 80 (anything below 70 is taken as 58). */
BoEscposRenderer *bo_escpos_renderer_new            (guint paper_width_mm);

guint             bo_escpos_renderer_get_columns    (BoEscposRenderer *self);
guint             bo_escpos_renderer_get_dots       (BoEscposRenderer *self);

void              bo_escpos_renderer_set_qr_mode    (BoEscposRenderer *self,
                                                     BoEscposQrMode    mode);

/* Comma-separated names from PC437, PC850, PC852, PC858, PC866, WPC1250, WPC1251, WPC1252.
 * Fails with BO_PRINT_ERROR_FORMAT for a name it does not know. */
gboolean          bo_escpos_renderer_set_code_pages (BoEscposRenderer *self,
                                                     const char       *names,
                                                     GError          **error);

/* The code page number (ESC t n) of @name, or -1. */
int               bo_escpos_code_page_number        (const char *name);

GBytes           *bo_escpos_renderer_render         (BoEscposRenderer *self,
                                                     BoPrintDoc       *doc,
                                                     GError          **error);

G_END_DECLS
