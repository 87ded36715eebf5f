//go:build tamago && arm64

package main

import (
	"time"
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/arm64"
	"github.com/ringside-kernel/ringside/arch/fastpath"
	"github.com/ringside-kernel/ringside/entry"
	"github.com/ringside-kernel/ringside/kernel"
	"github.com/ringside-kernel/ringside/kernel/mm"
)

// memoryMap is what the arm64 machine needs from the board (board_*.go):
// where the user frame pool is (inside the RAM gigabyte cpuinit maps at
// 0x40000000, after the kernel's RAM) and which device window of the
// first GiB the kernel keeps in every address space. The GIC that
// delivers the tick is the one the board package registered in
// arm64.BoardGIC (nil: no tick, tasks are never preempted).
type memoryMap struct {
	framePoolStart, framePoolEnd uint64
	devices                      mm.Range
}

// User address space on arm64: Linux's TASK_SIZE with 39-bit VAs, and a
// top-down mmap base 128 MiB below it (the stack's 8 MiB plus Linux's
// minimum gap).
const (
	userEnd  = arm64.UserTop
	mmapBase = userEnd - 128<<20
)

// machine is kernel.Machine on an arm64 CPU at EL1.
type machine struct {
	frames   *mm.FramePool
	template arm64.KernelTemplate
	reserved []mm.Range
	asids    arm64.ASIDs
	// boot is the boot tables' TTBR0 base; root and asid what TTBR0_EL1
	// holds now.
	boot, root uint64
	asid       uint16
	// last is the context that last ran at EL0.
	last *arm64.Context
	// gic delivers the tick and the slice timer; nil: neither.
	gic arm64.GIC
}

func newMachine() *machine {
	m := &machine{boot: arm64.BootTable()}
	m.root = m.boot
	m.frames = mm.NewFramePool(identity{}, board.framePoolStart,
		board.framePoolEnd)

	slots := arm64.L2Slots(board.devices.Start, board.devices.End)
	m.template = arm64.BootKernelTemplate(identity{}.Frame, m.boot, slots)
	m.reserved = reservedRanges(m.template)

	// A new ASID generation must not find entries of the old one, nor
	// let a walk through the old tables refill them: boot tables first.
	m.asids.FlushAll = func() {
		arm64.SetTTBR0(m.boot, 0)
		m.root, m.asid = m.boot, 0
		arm64.InvalidateAll()
	}

	// The board package knows its GIC best (virt detects the version).
	m.gic = arm64.BoardGIC
	if m.gic != nil {
		m.gic.Init()
		m.gic.Enable(arm64.VirtualTimerPPI)
		arm64.StartTick(kernel.TickPeriod)
		print("ringside: tick every ", kernel.TickPeriod.String(),
			" (virtual timer at ", arm64.CounterFrequency()/1000000,
			" MHz, GICv", m.gic.Version(), ")\n")
	}
	return m
}

// reservedRanges are the addresses the template owns, the ones
// arm64.PageTable refuses to map: valid level 1 slots and the level 2
// slots of the first GiB.
func reservedRanges(t arm64.KernelTemplate) []mm.Range {
	var r []mm.Range
	add := func(start, end uint64) {
		if n := len(r); n > 0 && r[n-1].End == start {
			r[n-1].End = end
			return
		}
		r = append(r, mm.Range{Start: start, End: end})
	}
	for i := range 512 {
		if _, ok := t.L2[i]; ok {
			add(uint64(i)<<21, uint64(i+1)<<21)
		}
	}
	for i := 1; i < 512; i++ {
		if t.L1[i]&1 != 0 {
			add(uint64(i)<<30, uint64(i+1)<<30)
		}
	}
	return r
}

// identity is mm.Phys over cpuinit's identity map of RAM.
type identity struct{}

func (identity) Frame(pa uint64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(uintptr(pa))), 4096)
}

func (m *machine) Frames() mm.Frames { return m.frames }
func (m *machine) Phys() mm.Phys     { return identity{} }
func (m *machine) CPU() uint32       { return 0 }

// Layout implements kernel.Machine: 512 GiB of user address space minus
// the kernel's device window and its RAM gigabyte.
func (m *machine) Layout() mm.Layout {
	return mm.Layout{UserEnd: userEnd, MmapBase: mmapBase,
		Reserved: m.reserved}
}

// ArmSliceTimer implements kernel.Machine on the virtual timer: its
// compare value moves to d from now and back to the tick's afterwards.
// Without a GIC there is no tick and no slice timer.
func (m *machine) ArmSliceTimer(d time.Duration) { arm64.ArmSliceTimer(d) }

// CancelSliceTimer implements kernel.Machine.
func (m *machine) CancelSliceTimer() { arm64.CancelSliceTimer() }

// context adapts *arm64.Context to kernel.Context.
type context struct{ *arm64.Context }

func (c context) Regs() entry.Regs { return &c.Context.Regs }

// VDSOClock implements the kernel's vdsoMachine: the board's counter.
func (m *machine) VDSOClock() (uint64, uint64) { return boardVDSOClock() }

// SetFastSyscalls implements the kernel's fastContext: the task's view
// for arm64's fast syscall path.
func (c context) SetFastSyscalls(p fastpath.Path) {
	c.Context.SetFastPath(arm64.FastPath(p))
}

func (m *machine) NewContext(entry, sp uint64) kernel.Context {
	return context{arm64.NewContext(entry, sp)}
}

// pageTable is a task's tables with their ASID.
type pageTable struct {
	*arm64.PageTable
	asid arm64.ASID
	m    *machine
}

// Release switches TTBR0_EL1 to the boot tables first when the tables are
// live. The ASID needs no flush: it is not reused before the next
// generation flushes the TLB.
func (p *pageTable) Release() {
	if p.m.root == p.Root() {
		arm64.SetTTBR0(p.m.boot, 0)
		p.m.root, p.m.asid = p.m.boot, 0
	}
	p.PageTable.Release()
}

func (m *machine) NewPageTable() (mm.PageTable, error) {
	f := identity{}
	pt, err := arm64.NewPageTable(m.frames.Alloc, m.frames.Free, f.Frame,
		m.template)
	if err != nil {
		return nil, err
	}
	p := &pageTable{PageTable: pt, m: m}
	pt.Invalidate = func(va uint64) {
		if id, live := m.asids.Live(&p.asid); live {
			arm64.InvalidatePage(va, id)
		}
	}
	return p, nil
}

// Switch implements kernel.Machine: TTBR0_EL1 to the task's tables,
// with an ASID of the current generation (another task's allocation may
// have started a new one since this task last ran).
func (m *machine) Switch(pt mm.PageTable) {
	p := pt.(*pageTable)
	id := m.asids.Assign(&p.asid)
	if root := p.Root(); root != m.root || id != m.asid {
		arm64.SetTTBR0(root, id)
		m.root, m.asid = root, id
	}
}

// Run enters EL0 until the next exception. SVC is a syscall, the virtual
// timer's IRQ the tick, other IRQs and FIQs interrupts, every other
// exception a fault with ESR_EL1 and FAR_EL1.
func (m *machine) Run(ctx kernel.Context) kernel.Trap {
	// A tick that came due in the kernel (IRQs are masked there) belongs
	// to the task that was running, as Linux takes it in the kernel and
	// reschedules on the way out: if that task goes on, it gets the tick
	// now, without entering EL0. After a switch the new task starts a
	// fresh slice instead. Dropping it would let a task that makes
	// frequent syscalls lose most of its ticks and never be preempted.
	c := ctx.(context).Context
	if m.gic != nil && arm64.TickDue() {
		arm64.RearmTick()
		if c == m.last {
			return kernel.Trap{Kind: kernel.TrapTick}
		}
	}
	m.last = c

	tr := arm64.Run(c)

	switch tr.Kind {
	case arm64.TrapSyscallExit:
		return kernel.Trap{Kind: kernel.TrapSyscallExit}
	case arm64.TrapSync:
		if tr.EC() == arm64.ECSVC64 {
			return kernel.Trap{Kind: kernel.TrapSyscall,
				Vector: arm64.ECSVC64, Code: tr.ESR}
		}
		return kernel.Trap{Kind: kernel.TrapFault, Vector: tr.EC(),
			Code: tr.ESR, Addr: tr.FAR}
	case arm64.TrapSError:
		return kernel.Trap{Kind: kernel.TrapFault, Vector: tr.EC(),
			Code: tr.ESR}
	case arm64.TrapIRQ:
		return m.irq()
	default:
		return kernel.Trap{Kind: kernel.TrapInterrupt,
			Vector: int(tr.Kind)}
	}
}

// irq acknowledges the interrupt that ended Run: the virtual timer's is
// the tick (re-armed) or the slice timer (the tick gets its deadline
// back), anything else is only ended.
func (m *machine) irq() kernel.Trap {
	if m.gic == nil {
		return kernel.Trap{Kind: kernel.TrapInterrupt}
	}
	iar := m.gic.Ack()
	id := int(iar & 0x3ff)
	switch id {
	case arm64.SpuriousIRQ:
		return kernel.Trap{Kind: kernel.TrapInterrupt, Vector: id}
	case arm64.VirtualTimerPPI:
		kind := kernel.TrapTick
		if arm64.TimerInterrupt() {
			kind = kernel.TrapSliceTimer
		}
		m.gic.EOI(iar)
		return kernel.Trap{Kind: kind, Vector: id}
	}
	m.gic.EOI(iar)
	return kernel.Trap{Kind: kernel.TrapInterrupt, Vector: id}
}

// logDesignCounts logs what the build's design counted while init ran:
// with lazyfp, how often kernel code touched the FP/SIMD registers while
// a task's were live in them (each is a trap and a save).
func logDesignCounts(k *kernel.Kernel) {
	if arm64.LazyFP {
		k.Logf("lazy FP/SIMD: %d kernel traps", arm64.FPTraps())
	}
}

// copyFaults is how many user copies through the MMU faulted.
func copyFaults() uint64 { return arm64.UaccessFaults() }
