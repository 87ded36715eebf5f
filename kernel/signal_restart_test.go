package kernel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/arch/amd64"
	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// interrupted puts the task at the return of syscall nr (IP after the
// instruction at textAddr) with ret in the return register, as a
// syscall that a signal cut short leaves it; on arm64 orig_x0 holds the
// first argument.
func (e *sysEnv) interrupted(nr int, ret int64) {
	switch r := e.t.Ctx.Regs().(type) {
	case *amd64.Regs:
		r.OrigAX, r.AX = uint64(nr), uint64(ret)
		r.IP = textAddr + amd64.SyscallInsnLen
	case *arm64.Regs:
		r.Syscallno, r.X[0], r.OrigX0 = int32(nr), uint64(ret), 0x1234
		r.PC = textAddr + arm64.SyscallInsnLen
	}
}

// interruptedState is the return register and IP the task resumes with:
// the handler's saved context after a delivery, the registers without.
func (e *sysEnv) interruptedState(t *testing.T, handled bool) (int64,
	uint64) {
	regs := e.t.Ctx.Regs()
	if !handled {
		return regs.Return(), regs.InstructionPointer()
	}
	sp := regs.StackPointer()
	if e.t.Arch.Name() == "x86_64" {
		sc := abi.DecodeRtSigframeAMD64(e.peek(t, sp, 440)).Uc.Mcontext
		return int64(sc.AX), sc.IP
	}
	sc := abi.DecodeRtSigframeARM64(e.peek(t, sp, 4688)).Uc.Mcontext
	return int64(sc.Regs[0]), sc.PC
}

func TestSyscallRestartRules(t *testing.T) {
	const (
		eintr   = "-EINTR"
		restart = "restart"
		same    = "unchanged"
	)
	type how int
	const (
		handler how = iota
		saRestart
		noHandler
	)
	tests := []struct {
		code abi.Errno
		how  how
		want string
	}{
		{abi.ERESTARTNOHAND, handler, eintr},
		{abi.ERESTARTNOHAND, saRestart, eintr},
		{abi.ERESTARTNOHAND, noHandler, restart},
		{abi.ERESTARTSYS, handler, eintr},
		{abi.ERESTARTSYS, saRestart, restart},
		{abi.ERESTARTSYS, noHandler, restart},
		{abi.ERESTARTNOINTR, handler, restart},
		{abi.ERESTARTNOINTR, saRestart, restart},
		{abi.ERESTARTNOINTR, noHandler, restart},
		{abi.ERESTART_RESTARTBLOCK, handler, eintr},
		{abi.ERESTART_RESTARTBLOCK, saRestart, eintr},
		{abi.ERESTART_RESTARTBLOCK, noHandler, restart},
		{abi.EAGAIN, handler, same},
		{abi.EAGAIN, noHandler, same},
	}
	names := map[how]string{handler: "handler", saRestart: "SA_RESTART",
		noHandler: "no handler"}
	for _, arch := range []Arch{AMD64{}, ARM64{}} {
		for _, tt := range tests {
			name := arch.Name() + "/" + itoaTest(int(tt.code)) + "/" +
				names[tt.how]
			t.Run(name, func(t *testing.T) {
				e := newEnvArch(t, arch)
				if tt.how == noHandler {
					// A stop, taken as ignore, wakes a sleep
					// without running a handler.
					e.t.sendSignal(abi.SIGTSTP, sigInfo{})
				} else {
					flags := uint64(abi.SA_RESTORER)
					if tt.how == saRestart {
						flags |= abi.SA_RESTART
					}
					e.handle(t, abi.SIGUSR1, flags, 0)
					e.t.sendSignal(abi.SIGUSR1, sigInfo{})
				}
				nr := e.nr(abi.SysNanosleep)
				e.interrupted(nr, tt.code.Ret())

				e.t.DeliverSignal(&e.t.Thread)

				ret, ip := e.interruptedState(t, tt.how != noHandler)
				after := textAddr + uint64(4)
				firstArg := int64(0x1234)
				if arch.Name() == "x86_64" {
					after, firstArg = textAddr+2, int64(nr)
				}
				switch tt.want {
				case eintr:
					assert.Equal(t, abi.EINTR.Ret(), ret)
					assert.Equal(t, after, ip)
				case restart:
					assert.Equal(t, firstArg, ret,
						"ax = orig_ax, x0 = orig_x0")
					assert.Equal(t, uint64(textAddr), ip)
				case same:
					assert.Equal(t, tt.code.Ret(), ret)
					assert.Equal(t, after, ip)
				}
				assert.Equal(t, -1, e.t.Ctx.Regs().SyscallNr(),
					"the syscall is forgotten")
			})
		}
	}
}

func TestNoRestartOutsideASyscall(t *testing.T) {
	e := newEnv(t)
	r := e.t.Ctx.Regs().(*amd64.Regs)
	r.AX = uint64(abi.ERESTARTSYS.Ret())
	ip := r.IP

	e.t.sendSignal(abi.SIGTSTP, sigInfo{})
	e.t.DeliverSignal(&e.t.Thread)

	assert.Equal(t, uint64(abi.ERESTARTSYS.Ret()), r.AX)
	assert.Equal(t, ip, r.IP)
}

// TestRestartComesBeforeRseqBeforeFrame puts the syscall instruction at
// the end of an rseq critical section: its return address is past the
// section, its restart address inside. Only a restart fix-up that runs
// before rseq's check makes rseq abort, and only a frame built after
// that saves the abort IP.
func TestRestartComesBeforeRseqBeforeFrame(t *testing.T) {
	const (
		area    = dataAddr + 0x800
		cs      = dataAddr + 0x840
		start   = textAddr + 0x10
		syscall = textAddr + 0x1e // last two bytes of the section
		abort   = textAddr + 0x100
	)
	e := newEnv(t)
	e.t.Rseq.TaskSize = envUserEnd
	require.Zero(t, rseq.Register(&e.t.Rseq, e.t.MM, area,
		rseq.OrigSize, 0, rseq.SignatureAMD64))
	e.putU64(t, cs+8, start)
	e.putU64(t, cs+16, syscall+2-start) // post_commit_offset
	e.putU64(t, cs+24, abort)
	e.putU32(t, abort-4, rseq.SignatureAMD64)
	e.putU64(t, area+rseq.OffRseqCS, cs)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|abi.SA_RESTART, 0)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})
	r := e.t.Ctx.Regs().(*amd64.Regs)
	r.OrigAX, r.AX, r.IP = 34, uint64(abi.ERESTARTSYS.Ret()), syscall+2

	e.t.DeliverSignal(&e.t.Thread)

	_, ip := e.interruptedState(t, true)
	assert.Equal(t, uint64(abort), ip,
		"restart moved the IP into the section, rseq aborted it, "+
			"the frame saved the abort address")
	assert.Zero(t, e.u64(t, area+rseq.OffRseqCS), "rseq_cs cleared")
	assert.Equal(t, handler, r.IP)
}

// Request and remainder of the sleeps below.
const reqAddr, remAddr = dataAddr + 0x400, dataAddr + 0x410

func TestNanosleepRestartsTowardItsDeadline(t *testing.T) {
	e := newEnv(t)
	e.clock.stuck = true
	e.poke(t, reqAddr, timespec(5, 0))
	e.t.sendSignal(abi.SIGTSTP, sigInfo{})
	r := e.t.Ctx.Regs().(*amd64.Regs)

	e.syscall(abi.SysNanosleep, reqAddr, remAddr)
	require.Equal(t, uint64(35), r.AX, "restarted: ax = nanosleep")
	require.Equal(t, uint64(textAddr), r.IP)
	assert.Equal(t, timespec(5, 0), e.peek(t, remAddr, 16), "rem")

	// Two seconds later the task executes the syscall again; the
	// request it points at has changed meanwhile.
	e.clock.stuck = false
	e.clock.mono += 2 * time.Second
	e.poke(t, reqAddr, timespec(99, 0))
	e.syscall(abi.SysNanosleep, reqAddr, remAddr)

	assert.Zero(t, r.AX)
	assert.Equal(t, 3*time.Second, e.clock.slept[len(e.clock.slept)-1],
		"the rest of the first five seconds")
}

func TestNanosleepWithHandlerIsEINTR(t *testing.T) {
	e := newEnv(t)
	e.clock.stuck = true
	e.poke(t, reqAddr, timespec(5, 0))
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER|abi.SA_RESTART, 0)
	e.t.sendSignal(abi.SIGUSR1, sigInfo{})

	e.syscall(abi.SysNanosleep, reqAddr, remAddr)
	ret, _ := e.interruptedState(t, true)
	e.sigreturn()

	assert.Equal(t, abi.EINTR.Ret(), ret, "even with SA_RESTART")
	assert.Equal(t, uint64(abi.EINTR.Ret()), e.t.Ctx.Regs().(*amd64.Regs).AX)
	assert.Equal(t, timespec(5, 0), e.peek(t, remAddr, 16))

	// A later nanosleep with the same arguments is a new one.
	e.clock.stuck = false
	e.syscall(abi.SysNanosleep, reqAddr, remAddr)
	assert.Equal(t, 5*time.Second, e.clock.slept[len(e.clock.slept)-1])
}

func TestSleepRestartCodes(t *testing.T) {
	tests := []struct {
		name string
		sys  abi.Sys
		args []uint64
		want abi.Errno
	}{
		{"pause", abi.SysPause, nil, abi.ERESTARTNOHAND},
		{"nanosleep", abi.SysNanosleep, []uint64{dataAddr, 0},
			abi.ERESTART_RESTARTBLOCK},
		{"relative clock_nanosleep", abi.SysClockNanosleep,
			[]uint64{abi.CLOCK_MONOTONIC, 0, dataAddr, 0},
			abi.ERESTART_RESTARTBLOCK},
		{"absolute clock_nanosleep", abi.SysClockNanosleep,
			[]uint64{abi.CLOCK_MONOTONIC, abi.TIMER_ABSTIME, dataAddr,
				0},
			abi.ERESTARTNOHAND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.clock.stuck = true
			e.poke(t, dataAddr, timespec(100, 0))
			e.t.sendSignal(abi.SIGUSR1, sigInfo{})

			assert.Equal(t, errno(tt.want), e.call(tt.sys, tt.args...))
		})
	}
}

func TestPauseWakesForASignalFromElsewhere(t *testing.T) {
	e := newEnv(t)
	e.handle(t, abi.SIGUSR1, abi.SA_RESTORER, 0)
	go func() {
		for !e.t.sleeping() {
			time.Sleep(time.Millisecond)
		}
		e.t.sendSignal(abi.SIGUSR1, sigInfo{code: abi.SI_USER, pid: 2})
	}()

	e.syscall(abi.SysPause)

	ret, _ := e.interruptedState(t, true)
	assert.Equal(t, abi.EINTR.Ret(), ret)
	assert.Equal(t, handler, e.t.Ctx.Regs().InstructionPointer())
}

// sleeping reports whether the task waits on its wake channel: a test
// hook, racy by nature, only to pace a sender.
func (t *Task) sleeping() bool {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wake != nil && len(s.wake) == 0
}
