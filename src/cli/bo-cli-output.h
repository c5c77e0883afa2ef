/* bo-cli-output.h — JSON and text output of the CLI, and errors as scripts see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cli/bo-cli.h"
#include "domain/bo-outbox.h"

G_BEGIN_DECLS

/* The stable snake_case code of @error for {"error": {"code": …}} ("sold_out", "usage", …). */
const char *bo_cli_error_code      (const GError *error);

/* BO_CLI_EXIT_USAGE for usage errors, BO_CLI_EXIT_FAILED for everything else. */
int         bo_cli_exit_status     (const GError *error);

/* Prints @error: with --json as one {"error": {"code", "message", …ctx->error_extra}} object on
 * stderr, else as "bilten-boxoffice-cli: message" on stderr. */
void        bo_cli_print_error     (BoCliContext *ctx,
                                    const GError *error);

/* The same error object, for JSON lines on stdout (checkin reading stdin). */
JsonNode   *bo_cli_error_to_json   (const GError *error);

/* Prints @node compactly as one line on stdout and flushes. */
void        bo_cli_print_json      (JsonNode *node);

/* Builder shortcuts (strings: bo_json_add_string_or_null from domain/bo-outbox.h). */
void        bo_cli_add_int         (JsonBuilder *builder,
                                    const char  *member,
                                    gint64       value);
/* null when @value < 0 (unlimited capacity, no tendered cash, …). */
void        bo_cli_add_int_or_null (JsonBuilder *builder,
                                    const char  *member,
                                    gint64       value);
void        bo_cli_add_bool        (JsonBuilder *builder,
                                    const char  *member,
                                    gboolean     value);

/* Money for people (bo_money_format), as a string to free. */
char       *bo_cli_money           (gint64      amount,
                                    const char *currency);

/* @text left-aligned and padded with spaces to @width characters (not bytes). */
char       *bo_cli_pad             (const char *text,
                                    guint       width);

G_END_DECLS
