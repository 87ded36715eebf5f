package entry

import (
	"unsafe"

	"github.com/ringside-kernel/ringside/rseq"
)

// FastPathWork is every work bit that keeps a syscall off an
// architecture's fast path: the entry work, the syscall exit work and the
// exit-to-user-mode work. With none set, and rseq's check passing, a
// syscall needs nothing of this package: the handler's result goes back
// to user mode as it is. Linux (3.x to 4.9): the _TIF_WORK_SYSCALL_ENTRY
// and _TIF_ALLWORK_MASK tests of entry_SYSCALL_64_fastpath.
const FastPathWork = SyscallEnterWork | SyscallExitWork | ExitWork

// FastPathWords returns the two words a fast syscall path tests, in place
// of SyscallEnterFromUserMode and SyscallExitToUserMode: the work word
// (test it against FastPathWork before and after the handler) and rseq's
// pending word (zero after the handler, or the exit goes through
// SyscallExitToUserMode). Both addresses are fixed for the life of t.
//
// A fast path that finds a bit set before the handler hands the syscall
// to Syscall; one that finds work after it hands the exit to
// SyscallExitToUserMode. Under the rseqdebug tag every exit needs the
// debug check, so the rseq word is never zero.
func (t *Thread) FastPathWords() (work, rseqWord *uint32) {
	work = (*uint32)(unsafe.Pointer(&t.work.v))
	if rseqDebug {
		return work, &debugPending
	}
	return work, rseq.FastExitWord(&t.Rseq)
}

// debugPending is the rseq word of the rseqdebug design: never zero.
var debugPending uint32 = 1
