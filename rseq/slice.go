package rseq

// SyscallEnterSlice is the syscall-entry slot where Linux ends a granted
// time slice extension (any syscall ends it; rseq_slice_yield ends it
// cleanly) and cancels the slice timer. ringside never grants a slice
// extension yet: nothing sets the entry work bit that leads here, the
// exit loop always reschedules, FeatureSize stops before slice_ctrl and
// registration ignores RSEQ_FLAG_SLICE_EXT_DEFAULT_ON. Granting needs a
// high-resolution timer per CPU, prctl(PR_RSEQ_SLICE_EXTENSION) and the
// rseq_slice_yield syscall. Linux: rseq_syscall_enter_work.
func SyscallEnterSlice(st *State, nr int) {}
