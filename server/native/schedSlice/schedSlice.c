// setSlice(threadId, nanoseconds): asks Linux's EEVDF scheduler (6.12 and later) for a custom time
// slice for one thread, 0 for the default; returns 0 or the errno. Node has no binding for
// sched_setattr, and a slice needs no privilege (a higher priority does). See server/threadPriority.ts.
#include <errno.h>
#include <node_api.h>
#include <stdint.h>
#include <string.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#endif

// struct sched_attr as of Linux 5.3 (SCHED_ATTR_SIZE_VER1); libc does not declare it everywhere.
struct sched_attr_v1 {
  uint32_t size;
  uint32_t sched_policy;
  uint64_t sched_flags;
  int32_t sched_nice;
  uint32_t sched_priority;
  uint64_t sched_runtime;  // for the fair policies: the requested slice
  uint64_t sched_deadline;
  uint64_t sched_period;
  uint32_t sched_util_min;
  uint32_t sched_util_max;
};

enum { POLICY_OTHER = 0, POLICY_BATCH = 3, POLICY_IDLE = 5 };

static int set_slice(int64_t thread_id, uint64_t nanoseconds) {
#if defined(__linux__) && defined(SYS_sched_setattr) && defined(SYS_sched_getattr)
  struct sched_attr_v1 attr;
  memset(&attr, 0, sizeof attr);
  if (syscall(SYS_sched_getattr, (pid_t)thread_id, &attr, sizeof attr, 0) != 0) return errno;
  // Real-time and deadline threads are left as they are.
  if (attr.sched_policy != POLICY_OTHER && attr.sched_policy != POLICY_BATCH && attr.sched_policy != POLICY_IDLE)
    return EINVAL;
  // Policy and nice as read, so only the slice changes.
  attr.size = sizeof attr;
  attr.sched_flags = 0;
  attr.sched_runtime = nanoseconds;
  if (syscall(SYS_sched_setattr, (pid_t)thread_id, &attr, 0) != 0) return errno;
  if (nanoseconds == 0) return 0;
  // Kernels before 6.12 accept the call and ignore the slice (and report none): read it back.
  if (syscall(SYS_sched_getattr, (pid_t)thread_id, &attr, sizeof attr, 0) != 0) return errno;
  return attr.sched_runtime == nanoseconds ? 0 : EOPNOTSUPP;
#else
  (void)thread_id;
  (void)nanoseconds;
  return ENOSYS;
#endif
}

static napi_value SetSlice(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int64_t thread_id = 0;
  int64_t nanoseconds = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_int64(env, argv[0], &thread_id) != napi_ok ||
      napi_get_value_int64(env, argv[1], &nanoseconds) != napi_ok || nanoseconds < 0) {
    napi_throw_type_error(env, NULL, "setSlice(threadId, nanoseconds)");
    return NULL;
  }
  napi_value result;
  napi_create_int32(env, set_slice(thread_id, (uint64_t)nanoseconds), &result);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "setSlice", NAPI_AUTO_LENGTH, SetSlice, NULL, &fn);
  napi_set_named_property(env, exports, "setSlice", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
