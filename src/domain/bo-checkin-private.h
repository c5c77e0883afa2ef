/* bo-checkin-private.h — the check-in's fields, shared by bo-checkin.c (the type and the public
 * entry points), bo-checkin-judge.c (reaching a verdict) and bo-checkin-record.c (recording it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "domain/bo-checkin.h"

G_BEGIN_DECLS

struct _BoCheckin
{
  GObject      parent_instance;

  BoVerdict    verdict;
  BoDirection  direction;
  gint64       event_id;
  gint64       ticket_id;        /* 0 when no ticket row is known */
  char        *uuid;
  char        *secret;
  char        *scanned_at;
  char        *gate;
  char        *ticket_uuid;
  char        *ticket_type_name;
  char        *attendee_name;
  char        *order_code;
  char        *first_scanned_at;
  char        *first_gate;
  char        *detail;
};

/* A new check-in of @secret for @event_id, judged from the store; nothing is written. */
BoCheckin *bo_checkin_new_judged (BoStore     *store,
                                  gint64       event_id,
                                  const char  *secret,
                                  BoDirection  direction,
                                  GError     **error);

/* Gives @self its uuid and time and writes it: checkins row, journal and outbox. Must run
 * inside a store transaction. */
gboolean   bo_checkin_record     (BoCheckin   *self,
                                  BoStore     *store,
                                  BoDevice    *device,
                                  BoOperator  *operator,
                                  GError     **error);

G_END_DECLS
