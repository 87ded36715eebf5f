//go:build !rseqdebug

package entry

// rseqDebug enables the check that no syscall is issued inside an rseq
// critical section (Linux's CONFIG_DEBUG_RSEQ); build with -tags
// rseqdebug to turn it on. Off, the check compiles away.
const rseqDebug = false
