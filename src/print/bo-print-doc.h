/* bo-print-doc.h — a piece of paper before it meets a printer
 *
 * A layout-neutral document: lines of text (bold, large, aligned, with an optional amount in a
 * right-hand column), rules, QR codes, blank lines, cuts between pieces of paper and a cash
 * drawer kick. The ticket and receipt layouts build it; the ESC/POS and PDF renderers turn it
 * into bytes for a printer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BO_TYPE_PRINT_DOC (bo_print_doc_get_type ())
G_DECLARE_FINAL_TYPE (BoPrintDoc, bo_print_doc, BO, PRINT_DOC, GObject)

/* What the paper is; the PDF renderer lays tickets out in boxes and the rest as a flow. */
typedef enum {
  BO_PRINT_DOC_TICKETS,
  BO_PRINT_DOC_RECEIPT,
  BO_PRINT_DOC_REPORT,
} BoPrintDocKind;

typedef enum {
  BO_PRINT_BLOCK_TEXT,   /* text, and right-aligned text in the same line when right != NULL */
  BO_PRINT_BLOCK_RULE,   /* a horizontal line */
  BO_PRINT_BLOCK_QR,     /* a QR code of text */
  BO_PRINT_BLOCK_FEED,   /* n blank lines */
  BO_PRINT_BLOCK_CUT,    /* end of one piece of paper (one ticket, one receipt) */
  BO_PRINT_BLOCK_DRAWER, /* open the cash drawer */
} BoPrintBlockKind;

typedef enum {
  BO_PRINT_ALIGN_LEFT,
  BO_PRINT_ALIGN_CENTER,
  BO_PRINT_ALIGN_RIGHT,
} BoPrintAlign;

typedef enum {
  BO_PRINT_TEXT_NORMAL = 0,
  BO_PRINT_TEXT_BOLD   = 1 << 0,
  BO_PRINT_TEXT_LARGE  = 1 << 1, /* double width and height */
} BoPrintTextFlags;

typedef struct {
  BoPrintBlockKind kind;
  BoPrintAlign     align;
  BoPrintTextFlags flags;
  char            *text;  /* TEXT: the text (UTF-8, one paragraph); QR: the data */
  char            *right; /* TEXT: the right-hand column, or NULL */
  guint            lines; /* FEED */
} BoPrintBlock;

BoPrintDoc         *bo_print_doc_new          (BoPrintDocKind kind);
BoPrintDocKind      bo_print_doc_get_kind     (BoPrintDoc *self);
/* A short title for spoolers ("Tickets ABC12"); may be NULL. */
const char         *bo_print_doc_get_title    (BoPrintDoc *self);
void                bo_print_doc_set_title    (BoPrintDoc *self,
                                               const char *title);

void                bo_print_doc_add_text     (BoPrintDoc      *self,
                                               BoPrintAlign     align,
                                               BoPrintTextFlags flags,
                                               const char      *text);
/* @left at the left margin and @right at the right one, in the same line when they fit. */
void                bo_print_doc_add_columns  (BoPrintDoc      *self,
                                               BoPrintTextFlags flags,
                                               const char      *left,
                                               const char      *right);
void                bo_print_doc_add_rule     (BoPrintDoc *self);
void                bo_print_doc_add_qr       (BoPrintDoc *self,
                                               const char *data);
void                bo_print_doc_add_feed     (BoPrintDoc *self,
                                               guint       lines);
void                bo_print_doc_add_cut      (BoPrintDoc *self);
void                bo_print_doc_add_drawer_kick (BoPrintDoc *self);

guint               bo_print_doc_get_n_blocks (BoPrintDoc *self);
const BoPrintBlock *bo_print_doc_get_block    (BoPrintDoc *self,
                                               guint       index);
/* Pieces of paper: blocks up to and including each cut, and what follows the last one. */
guint               bo_print_doc_get_n_pieces (BoPrintDoc *self);

/* The text of every TEXT block, one line each (right column after a tab), and each QR code's
 * data as "[QR data]": for logs, previews and tests. */
char               *bo_print_doc_to_plain_text (BoPrintDoc *self);

G_END_DECLS
