/* bo-sync-error.c — the error domain of the sync service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync/bo-sync-error.h"

G_DEFINE_QUARK (bo-sync-error-quark, bo_sync_error)

gboolean
bo_sync_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != BO_SYNC_ERROR)
    return FALSE;

  switch ((BoSyncError) error->code)
    {
    case BO_SYNC_ERROR_NETWORK:
    case BO_SYNC_ERROR_TIMEOUT:
    case BO_SYNC_ERROR_SERVER:
    case BO_SYNC_ERROR_RATE_LIMITED:
      return TRUE;
    case BO_SYNC_ERROR_TLS:
    case BO_SYNC_ERROR_REJECTED:
    case BO_SYNC_ERROR_UNAUTHORIZED:
    case BO_SYNC_ERROR_REVOKED:
    case BO_SYNC_ERROR_BAD_RESPONSE:
    case BO_SYNC_ERROR_NOT_REGISTERED:
    case BO_SYNC_ERROR_ALREADY_REGISTERED:
    case BO_SYNC_ERROR_CANCELLED:
    default:
      return FALSE;
    }
}
