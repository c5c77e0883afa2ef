/* bo-print-config.h — which printer takes which paper, and how
 *
 * Kept in the store's meta table ("print.<property>") because printers belong to the counter,
 * not to a user; the property names are those of the GSettings keys, so the application can
 * bind them (ticket-printer, receipt-printer, paper-width-mm, print-qr-as-image).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "print/bo-print-pdf.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINT_CONFIG (bo_print_config_get_type ())
G_DECLARE_FINAL_TYPE (BoPrintConfig, bo_print_config, BO, PRINT_CONFIG, GObject)

BoPrintConfig *bo_print_config_new                 (void);
BoPrintConfig *bo_print_config_copy                (BoPrintConfig *self);

/* Reads the settings saved in @store (defaults for those never saved). */
BoPrintConfig *bo_print_config_load                (BoStore *store,
                                                    GError **error);
gboolean       bo_print_config_save                (BoPrintConfig *self,
                                                    BoStore       *store,
                                                    GError       **error);

/* Sets the property @name from text ("80", "true", "usb:04b8:0202"); FALSE with
 * G_IO_ERROR_INVALID_ARGUMENT for an unknown name or a bad value. */
gboolean       bo_print_config_set_from_string     (BoPrintConfig *self,
                                                    const char    *name,
                                                    const char    *value,
                                                    GError       **error);
/* Every property as NULL-terminated name, value pairs (for listing). */
GStrv          bo_print_config_to_strv             (BoPrintConfig *self);

/* The printer for a job kind ("tickets", "receipt", "closing", "report", "test"): tickets
 * fall back to the receipt printer, closings and reports to the report printer and then the
 * receipt printer. NULL when none is set. */
const char    *bo_print_config_get_target          (BoPrintConfig *self,
                                                    const char    *kind);

const char    *bo_print_config_get_ticket_printer  (BoPrintConfig *self);
void           bo_print_config_set_ticket_printer  (BoPrintConfig *self,
                                                    const char    *uri);
const char    *bo_print_config_get_receipt_printer (BoPrintConfig *self);
void           bo_print_config_set_receipt_printer (BoPrintConfig *self,
                                                    const char    *uri);
const char    *bo_print_config_get_report_printer  (BoPrintConfig *self);
void           bo_print_config_set_report_printer  (BoPrintConfig *self,
                                                    const char    *uri);
guint          bo_print_config_get_paper_width_mm  (BoPrintConfig *self);
gboolean       bo_print_config_get_qr_as_image     (BoPrintConfig *self);
const char    *bo_print_config_get_code_pages      (BoPrintConfig *self);
BoPdfPaper     bo_print_config_get_ticket_pdf_paper  (BoPrintConfig *self);
BoPdfPaper     bo_print_config_get_receipt_pdf_paper (BoPrintConfig *self);

G_END_DECLS
