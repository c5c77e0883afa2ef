/* bo-operator.h — people at the counter, their roles and PIN login
 *
 * Roles are enforced here, in the core: every domain call that needs a right takes the
 * operator and checks it with bo_operator_require(), whatever the UI shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_TYPE_OPERATOR (bo_operator_get_type ())
G_DECLARE_FINAL_TYPE (BoOperator, bo_operator, BO, OPERATOR, GObject)

#define BO_OPERATOR_ERROR (bo_operator_error_quark ())

typedef enum {
  BO_OPERATOR_ERROR_INVALID,     /* bad name, role or PIN format */
  BO_OPERATOR_ERROR_EXISTS,      /* name taken */
  BO_OPERATOR_ERROR_PIN_TAKEN,   /* another operator has this PIN (PIN-only login needs unique PINs) */
  BO_OPERATOR_ERROR_WRONG_PIN,
  BO_OPERATOR_ERROR_THROTTLED,   /* too many wrong PINs: wait */
  BO_OPERATOR_ERROR_NOT_ALLOWED, /* the operator's role lacks the right */
} BoOperatorError;

typedef enum {
  BO_ROLE_CASHIER,
  BO_ROLE_MANAGER,
} BoRole;

typedef enum {
  BO_RIGHT_SELL,
  BO_RIGHT_CHECK_IN,
  BO_RIGHT_OPEN_SHIFT,
  BO_RIGHT_CASH_MOVEMENT,
  BO_RIGHT_CLOSE_SHIFT,        /* manager */
  BO_RIGHT_REFUND,             /* manager */
  BO_RIGHT_VOID,               /* manager */
  BO_RIGHT_OVERRIDE_CAPACITY,  /* manager */
  BO_RIGHT_COMPLIMENTARY,      /* manager: "free" payments */
  BO_RIGHT_MANAGE_OPERATORS,   /* manager */
} BoRight;

/* Failed-PIN throttling: after BO_PIN_FREE_ATTEMPTS wrong PINs in a row, each further try
 * must wait BO_PIN_BASE_DELAY_S seconds, doubling per failure up to BO_PIN_MAX_DELAY_S.
 * Kept in the store so that restarting the app or the CLI does not reset it. */
#define BO_PIN_FREE_ATTEMPTS 5
#define BO_PIN_BASE_DELAY_S  30
#define BO_PIN_MAX_DELAY_S   900

GQuark       bo_operator_error_quark (void);

const char  *bo_role_to_string       (BoRole role);
gboolean     bo_role_from_string     (const char *text,
                                      BoRole     *out_role);

gint64       bo_operator_get_id      (BoOperator *self);
const char  *bo_operator_get_name    (BoOperator *self);
BoRole       bo_operator_get_role    (BoOperator *self);
gboolean     bo_operator_can         (BoOperator *self,
                                      BoRight     right);
/* FALSE with BO_OPERATOR_ERROR_NOT_ALLOWED and a human message when the role lacks @right. */
gboolean     bo_operator_require     (BoOperator *self,
                                      BoRight     right,
                                      GError    **error);

/* Adds an operator. @actor must be a manager, except for the very first manager of an empty
 * store (bootstrap), where @actor may be NULL. */
BoOperator  *bo_operator_add         (BoStore    *store,
                                      BoOperator *actor,
                                      const char *name,
                                      BoRole      role,
                                      const char *pin,
                                      GError    **error);

/* Finds the operator whose PIN this is (PINs are unique per counter). Throttled. */
BoOperator  *bo_operator_login       (BoStore    *store,
                                      const char *pin,
                                      GError    **error);

/* Same, trying the managers first: for approvals (refunds, overrides). Throttled. */
BoOperator  *bo_operator_login_approver (BoStore    *store,
                                         const char *pin,
                                         GError    **error);

/* Same, for a named operator (operator tiles in the UI). Throttled. */
BoOperator  *bo_operator_login_named (BoStore    *store,
                                      const char *name,
                                      const char *pin,
                                      GError    **error);

BoOperator  *bo_operator_lookup      (BoStore *store,
                                      gint64   id,
                                      GError **error);

/* Active operators by name: a GPtrArray of BoOperator. */
GPtrArray   *bo_operator_list        (BoStore *store,
                                      GError **error);

/* Who signed in last at this counter's lock screen (0 = nobody yet). The window preselects
 * them, so that signing in checks one PIN hash instead of one per operator. */
gint64       bo_operator_get_last_sign_in (BoStore *store);
gboolean     bo_operator_remember_sign_in (BoStore    *store,
                                           BoOperator *operator,
                                           GError    **error);

/* Seconds until the next PIN try is allowed (0 = now). */
guint        bo_operator_throttle_remaining (BoStore *store);

G_END_DECLS
