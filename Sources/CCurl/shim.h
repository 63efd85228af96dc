// libcurl (Debian: libcurl4-openssl-dev). curl_easy_setopt is variadic, which Swift cannot call,
// so each option type gets a small typed wrapper here.
#ifndef SPOTTER_CCURL_SHIM_H
#define SPOTTER_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*spotter_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*spotter_curl_progress_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                        curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode spotter_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_offset(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_data_cb(CURL *h, CURLoption o, spotter_curl_data_cb v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode spotter_curl_setopt_progress_cb(CURL *h, spotter_curl_progress_cb v) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v);
}
static inline CURLcode spotter_curl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}

// A connection cache shared by several easy handles on several threads (`CurlConnectionPool`):
// a curl share handle with one mutex per kind of shared data, as libcurl requires.
#include <pthread.h>
#include <stdlib.h>
typedef struct {
    CURLSH *share;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
} spotter_curl_pool;

static void spotter_curl_pool_lock(CURL *h, curl_lock_data data, curl_lock_access access, void *user) {
    (void)h; (void)access;
    pthread_mutex_lock(&((spotter_curl_pool *)user)->locks[data]);
}
static void spotter_curl_pool_unlock(CURL *h, curl_lock_data data, void *user) {
    (void)h;
    pthread_mutex_unlock(&((spotter_curl_pool *)user)->locks[data]);
}
/// A pool sharing connections (NULL when libcurl cannot make one).
static inline spotter_curl_pool *spotter_curl_pool_create(void) {
    spotter_curl_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pool->share = curl_share_init();
    if (!pool->share) { free(pool); return NULL; }
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&pool->locks[i], NULL);
    curl_share_setopt(pool->share, CURLSHOPT_LOCKFUNC, spotter_curl_pool_lock);
    curl_share_setopt(pool->share, CURLSHOPT_UNLOCKFUNC, spotter_curl_pool_unlock);
    curl_share_setopt(pool->share, CURLSHOPT_USERDATA, pool);
    if (curl_share_setopt(pool->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK) {
        curl_share_cleanup(pool->share);
        free(pool);
        return NULL;
    }
    return pool;
}
/// Closes the pool's connections; no handle may use it any more.
static inline void spotter_curl_pool_destroy(spotter_curl_pool *pool) {
    curl_share_cleanup(pool->share);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&pool->locks[i]);
    free(pool);
}
static inline CURLcode spotter_curl_use_pool(CURL *h, spotter_curl_pool *pool) {
    return curl_easy_setopt(h, CURLOPT_SHARE, pool->share);
}
#endif
