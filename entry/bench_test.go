package entry

import (
	"testing"

	"github.com/ringside-kernel/ringside/rseq"
	"github.com/stretchr/testify/assert"
)

// nullThread is a thread with no work and an idle rseq registration, the
// state of a task in a tight getpid loop.
func nullThread(registered bool) *Thread {
	th := &Thread{Regs: &fakeRegs{origAX: 39}, Mem: &fakeMem{},
		Kernel: nullKernel{}}
	if registered {
		rseq.Register(&th.Rseq, th.Mem, areaAddr, rseq.OrigSize, 0,
			rseq.SignatureAMD64)
		th.IrqentryExitToUserMode()
	}
	return th
}

func TestNullSyscallDoesNotAllocate(t *testing.T) {
	tests := []struct {
		name       string
		registered bool
	}{
		{"without rseq", false},
		{"with an idle rseq registration", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := nullThread(tt.registered)
			allocs := testing.AllocsPerRun(1000, func() { th.Syscall(39) })
			assert.Zero(t, allocs)
		})
	}
}

func BenchmarkNullSyscall(b *testing.B) {
	th := nullThread(false)
	b.ReportAllocs()
	for b.Loop() {
		th.Syscall(39)
	}
}

func BenchmarkNullSyscallRseq(b *testing.B) {
	th := nullThread(true)
	b.ReportAllocs()
	for b.Loop() {
		th.Syscall(39)
	}
}
