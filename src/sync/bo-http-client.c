/* bo-http-client.c — a small JSON-over-HTTP client of the central API on one libcurl handle
 *
 * Policy, in one place: certificate checks are never switched off, redirects are never
 * followed (a redirect could carry the device token elsewhere), plain http only reaches
 * loopback addresses (the reference server in tests and demos) and never through a proxy,
 * responses are bounded in size and JSON nesting (json-glib parses recursively) before they
 * are parsed, and text must be valid UTF-8 before anything of it reaches the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync/bo-http-client.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* json-glib parses recursively: deeper documents are refused before they reach it. The
 * contract's objects nest three levels. */
#define MAX_JSON_DEPTH 64

struct _BoHttpClient
{
  GObject  parent_instance;

  CURL    *curl;
  char    *base_url;       /* without a trailing slash */
  char    *auth_header;    /* "Authorization: Device …" or NULL */
  gboolean plain_loopback; /* http:// to a loopback host */
  guint    connect_timeout;
  guint    stall_timeout;
  guint    total_timeout;
  gsize    max_response;
  gboolean reached_server; /* the last request got a connection */
};

G_DEFINE_FINAL_TYPE (BoHttpClient, bo_http_client, G_TYPE_OBJECT)

/* State of one transfer, seen by the callbacks. */
typedef struct {
  BoHttpClient *client;
  GByteArray   *body;
  GCancellable *cancellable;
  double        retry_after;
  gboolean      too_large;
  gboolean      cancelled;
} Transfer;

static void
ensure_curl (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialized, 1);
    }
}

void
bo_http_response_free (BoHttpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, json_node_unref);
  g_free (response->raw);
  g_free (response->error_code);
  g_free (response->error_message);
  g_free (response);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  len = strlen (host);
  bare = (host[0] == '[' && host[len - 1] == ']') ? g_strndup (host + 1, len - 2)
                                                  : g_strdup (host);
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Validates @url; *@out_plain_loopback tells an http:// loopback URL from an https:// one. */
static gboolean
check_url (const char *url,
           gboolean   *out_plain_loopback,
           GError    **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_TLS,
                   _("“%s” is not a server address (expected https://host/api/v1)"), url);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    {
      *out_plain_loopback = FALSE;
      return TRUE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (g_uri_get_host (uri)))
        {
          *out_plain_loopback = TRUE;
          return TRUE;
        }
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_TLS,
                   _("Refusing unencrypted http:// to “%s”: only https:// may be used, except "
                     "for this computer’s own loopback address"),
                   g_uri_get_host (uri));
      return FALSE;
    }
  g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_TLS,
               _("Unsupported protocol “%s” in “%s”: use https://"), scheme, url);
  return FALSE;
}

/* Rejects what json-glib should not see: invalid UTF-8 and nesting deeper than
 * MAX_JSON_DEPTH (outside strings). */
static gboolean
check_json_text (const char *text,
                 gsize       len,
                 const char *what,
                 GError    **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;

  if (!g_utf8_validate_len (text, len, &end))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s answer to %s is not valid UTF-8 text (at byte %lld)"),
                   what, (long long) (end - text));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                           _("The server’s answer to %s nests deeper than %d levels"),
                           what, MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static size_t
on_write_cb (char   *data,
             size_t  size,
             size_t  nmemb,
             void   *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nmemb;

  if (t->body->len + n > t->client->max_response)
    {
      t->too_large = TRUE;
      return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
  g_byte_array_append (t->body, (const guint8 *) data, n);
  return n;
}

static size_t
on_header_cb (char   *data,
              size_t  size,
              size_t  nmemb,
              void   *user_data)
{
  Transfer *t = user_data;
  gsize n = size * nmemb;
  g_autofree char *line = g_strndup (data, n);
  char *colon;

  g_strstrip (line);
  /* A new status line (after a 100 Continue, say) starts a new set of headers. */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      t->retry_after = -1;
      return n;
    }
  colon = strchr (line, ':');
  if (colon == NULL)
    return n;
  *colon = '\0';
  if (g_ascii_strcasecmp (line, "Retry-After") == 0)
    {
      const char *value = colon + 1;
      guint64 seconds;

      while (*value == ' ' || *value == '\t')
        value++;
      if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
        t->retry_after = (double) seconds;
      else
        {
          /* An HTTP date. */
          time_t when = curl_getdate (value, NULL);

          if (when > 0)
            t->retry_after = CLAMP ((double) when - g_get_real_time () / 1e6, 0, 24 * 3600);
        }
    }
  return n;
}

static int
on_progress_cb (void       *user_data,
                curl_off_t  dltotal,
                curl_off_t  dlnow,
                curl_off_t  ultotal,
                curl_off_t  ulnow)
{
  Transfer *t = user_data;

  if (dltotal > 0 && (guint64) dltotal > t->client->max_response)
    {
      t->too_large = TRUE;
      return 1;
    }
  if (g_cancellable_is_cancelled (t->cancellable))
    {
      t->cancelled = TRUE;
      return 1;
    }
  return 0;
}

static void
set_curl_error (Transfer    *t,
                CURLcode     code,
                const char  *detail,
                const char  *what,
                GError     **error)
{
  const char *message = detail != NULL && *detail != '\0' ? detail : curl_easy_strerror (code);
  BoSyncError sync_code;

  if (t->cancelled || g_cancellable_is_cancelled (t->cancellable))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED, _("Sync was cancelled"));
      return;
    }
  /* Our own write callback stopping the transfer, or curl's CURLOPT_MAXFILESIZE_LARGE. */
  if (t->too_large || code == CURLE_FILESIZE_EXCEEDED)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server’s answer to %s is larger than %lld byte",
                                "The server’s answer to %s is larger than %lld bytes",
                                t->client->max_response),
                   what, (long long) t->client->max_response);
      return;
    }

  switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
      sync_code = BO_SYNC_ERROR_TIMEOUT;
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_USE_SSL_FAILED:
      sync_code = BO_SYNC_ERROR_TLS;
      break;
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_WEIRD_SERVER_REPLY:
      sync_code = BO_SYNC_ERROR_BAD_RESPONSE;
      break;
    default:
      /* Refused, reset, unreachable, name not found, connection dropped before the answer. */
      sync_code = BO_SYNC_ERROR_NETWORK;
      break;
    }
  g_set_error (error, BO_SYNC_ERROR, sync_code, _("%s failed: %s"), what, message);
}

static void
bo_http_client_finalize (GObject *object)
{
  BoHttpClient *self = BO_HTTP_CLIENT (object);

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->auth_header, g_free);

  G_OBJECT_CLASS (bo_http_client_parent_class)->finalize (object);
}

static void
bo_http_client_class_init (BoHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bo_http_client_finalize;
}

static void
bo_http_client_init (BoHttpClient *self)
{
  self->connect_timeout = 10;
  self->stall_timeout = 30;
  self->total_timeout = 0;
  self->max_response = BO_HTTP_MAX_RESPONSE;
}

BoHttpClient *
bo_http_client_new (const char  *base_url,
                    GError     **error)
{
  g_autoptr (BoHttpClient) self = NULL;
  gboolean plain_loopback = FALSE;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_url (base_url, &plain_loopback, error))
    return NULL;

  ensure_curl ();
  self = g_object_new (BO_TYPE_HTTP_CLIENT, NULL);
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_NETWORK,
                   _("The network library could not be initialised"));
      return NULL;
    }
  self->plain_loopback = plain_loopback;
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);
  return g_steal_pointer (&self);
}

void
bo_http_client_set_token (BoHttpClient *self,
                          const char   *api_token)
{
  g_return_if_fail (BO_IS_HTTP_CLIENT (self));

  g_clear_pointer (&self->auth_header, g_free);
  if (api_token != NULL)
    self->auth_header = g_strdup_printf ("Authorization: Device %s", api_token);
}

void
bo_http_client_set_timeouts (BoHttpClient *self,
                             guint         connect_seconds,
                             guint         stall_seconds,
                             guint         total_seconds)
{
  g_return_if_fail (BO_IS_HTTP_CLIENT (self));

  self->connect_timeout = connect_seconds;
  self->stall_timeout = stall_seconds;
  self->total_timeout = total_seconds;
}

void
bo_http_client_set_max_response (BoHttpClient *self,
                                 gsize         max_bytes)
{
  g_return_if_fail (BO_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_bytes > 0);

  self->max_response = max_bytes;
}

const char *
bo_http_client_get_base_url (BoHttpClient *self)
{
  g_return_val_if_fail (BO_IS_HTTP_CLIENT (self), NULL);
  return self->base_url;
}

/* Fills error_code/error_message from {"error": {"code", "message"}}. */
static void
read_error_object (BoHttpResponse *response)
{
  JsonObject *root, *err;
  JsonNode *node;

  if (response->body == NULL || !JSON_NODE_HOLDS_OBJECT (response->body))
    return;
  root = json_node_get_object (response->body);
  node = json_object_get_member (root, "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  err = json_node_get_object (node);
  node = json_object_get_member (err, "code");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    response->error_code = g_strdup (json_node_get_string (node));
  node = json_object_get_member (err, "message");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    response->error_message = g_strdup (json_node_get_string (node));
}

BoHttpResponse *
bo_http_client_request (BoHttpClient  *self,
                        const char    *method,
                        const char    *path,
                        const char    *body,
                        gsize          body_len,
                        const char    *idempotency_key,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *what = NULL;
  g_autofree char *key_header = NULL;
  g_autoptr (BoHttpResponse) response = NULL;
  g_autoptr (GByteArray) received = g_byte_array_new ();
  struct curl_slist *headers = NULL;
  char detail[CURL_ERROR_SIZE] = "";
  Transfer t = { self, received, cancellable, -1, FALSE, FALSE };
  CURL *curl;
  CURLcode code;
  curl_off_t connect_time = 0;
  long status = 0;

  g_return_val_if_fail (BO_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  what = g_strdup_printf ("%s %s", method, path);
  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED, _("Sync was cancelled"));
      return NULL;
    }

  url = g_strconcat (self->base_url, path, NULL);
  curl = self->curl;

  /* Every request starts from a clean set of options (reset keeps the open connection, the
   * DNS and TLS session caches) so that nothing of the previous request leaks into it. */
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, self->plain_loopback ? "http,https" : "https");
#else
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS,
                    self->plain_loopback ? (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS)
                                         : (long) CURLPROTO_HTTPS);
#endif
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->plain_loopback)
    curl_easy_setopt (curl, CURLOPT_PROXY, ""); /* never hand plain text to a proxy */
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) self->connect_timeout);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) self->stall_timeout);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) self->total_timeout);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) self->max_response);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Bilten Box Office/" PACKAGE_VERSION);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, on_header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &t);

  headers = curl_slist_append (headers, "Accept: application/json");
  /* No "Expect: 100-continue" round trip before large bodies. */
  headers = curl_slist_append (headers, "Expect:");
  if (self->auth_header != NULL)
    headers = curl_slist_append (headers, self->auth_header);
  if (idempotency_key != NULL)
    {
      key_header = g_strdup_printf ("Idempotency-Key: %s", idempotency_key);
      headers = curl_slist_append (headers, key_header);
    }

  if (g_str_equal (method, "GET"))
    curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);
  else
    {
      if (!g_str_equal (method, "POST"))
        curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body != NULL ? body : "");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) (body != NULL ? body_len : 0));
      headers = curl_slist_append (headers, "Content-Type: application/json");
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (curl, CURLINFO_CONNECT_TIME_T, &connect_time);
  self->reached_server = !(code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
                           code == CURLE_COULDNT_RESOLVE_PROXY ||
                           (code == CURLE_OPERATION_TIMEDOUT && connect_time == 0));
  /* The header list and the error buffer live on this stack frame. */
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all (headers);

  if (code != CURLE_OK)
    {
      set_curl_error (&t, code, detail, what, error);
      return NULL;
    }

  response = g_new0 (BoHttpResponse, 1);
  response->status = (guint) status;
  response->retry_after = t.retry_after;
  response->raw_len = received->len;
  g_byte_array_append (received, (const guint8 *) "", 1);
  response->raw = (char *) g_byte_array_free (g_steal_pointer (&received), FALSE);

  if (response->raw_len > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError) local_error = NULL;
      gboolean is_2xx = status >= 200 && status < 300;

      if (!check_json_text (response->raw, response->raw_len, what, &local_error) ||
          !json_parser_load_from_data (parser, response->raw, (gssize) response->raw_len,
                                       &local_error))
        {
          /* An error page from a proxy is still an HTTP error: the status says enough. */
          if (!is_2xx)
            return g_steal_pointer (&response);
          if (local_error->domain == BO_SYNC_ERROR)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                         _("The server’s answer to %s is not valid JSON: %s"), what,
                         local_error->message);
          return NULL;
        }
      response->body = json_parser_steal_root (parser);
      read_error_object (response);
    }
  return g_steal_pointer (&response);
}

gboolean
bo_http_response_check (BoHttpResponse *response,
                        GError        **error)
{
  const char *message;
  guint status;

  g_return_val_if_fail (response != NULL, FALSE);

  status = response->status;
  if (status >= 200 && status < 300)
    return TRUE;

  message = response->error_message != NULL ? response->error_message : NULL;
  if (status == 401)
    {
      if (g_strcmp0 (response->error_code, "device_revoked") == 0)
        g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED,
                     _("This counter was revoked on the central platform; it keeps its data "
                       "but no longer syncs"));
      else
        g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_UNAUTHORIZED,
                     _("The central platform does not accept this counter’s token (%s); "
                       "register the counter again"),
                     message != NULL ? message : "401");
    }
  else if (status == 429)
    g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_RATE_LIMITED,
                 _("The server asks to slow down (429)%s%s"),
                 message != NULL ? ": " : "", message != NULL ? message : "");
  else if (status >= 500)
    g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_SERVER,
                 _("Server error %u%s%s"), status,
                 message != NULL ? ": " : "", message != NULL ? message : "");
  else if (status >= 400)
    g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REJECTED,
                 _("The server refused the request (%u %s)%s%s"), status,
                 response->error_code != NULL ? response->error_code : "error",
                 message != NULL ? ": " : "", message != NULL ? message : "");
  else
    g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                 _("Unexpected HTTP status %u from the server"), status);
  return FALSE;
}

gboolean
bo_http_client_get_reached_server (BoHttpClient *self)
{
  g_return_val_if_fail (BO_IS_HTTP_CLIENT (self), FALSE);
  return self->reached_server;
}

JsonObject *
bo_http_client_get_object (BoHttpClient  *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr (BoHttpResponse) response = NULL;

  g_return_val_if_fail (BO_IS_HTTP_CLIENT (self), NULL);

  response = bo_http_client_request (self, "GET", path, NULL, 0, NULL, cancellable, error);
  if (response == NULL || !bo_http_response_check (response, error))
    return NULL;
  if (response->body == NULL || !JSON_NODE_HOLDS_OBJECT (response->body))
    {
      g_set_error (error, BO_SYNC_ERROR, BO_SYNC_ERROR_BAD_RESPONSE,
                   _("The server’s answer to GET %s is not a JSON object"), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (response->body));
}
