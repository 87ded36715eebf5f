//go:build tamago && arm64

package arm64

// GICv3 is an Arm Generic Interrupt Controller v3 (Arm IHI 0069): the
// distributor, this CPU's redistributor and the system-register CPU
// interface, as much of them as the tick needs, with affinity routing
// (GICD_CTLR.ARE) and interrupts in group 1 non-secure. Where the GIC
// has two security states (DS 0: i.MX 8M Plus under BL31), the group
// registers are Secure and EL3 must have put the interrupts in group 1;
// without them (QEMU virt without secure=on) Enable does it.
type GICv3 struct {
	// GICD and GICR are the distributor's base and the first
	// redistributor's (RD_base of the lowest-numbered CPU).
	GICD, GICR uint64

	// rd is this CPU's RD_base, found by Init.
	rd uint64
}

// Distributor and redistributor registers (IHI 0069, 12.9, 12.10). The
// SGI frame (12.11) has GICR_IGROUPR0, GICR_ISENABLER0 and
// GICR_IPRIORITYR<n> at the distributor's offsets for them.
const (
	gicdRWP      = 1 << 31
	gicdCTLRARE  = 1 << 4
	gicdCTLRG1A  = 1 << 1 // EnableGrp1A (non-secure view), Grp1 (DS 1)
	gicdCTLRG1   = 1 << 0 // EnableGrp1 (non-secure view), Grp0 (DS 1)
	gicdIGROUPR  = 0x080
	gicdIROUTER  = 0x6000
	gicrTYPER    = 0x008
	gicrWAKER    = 0x014
	gicrSGIFrame = 0x10000

	gicrTyperVLPIS  = 1 << 1
	gicrTyperLast   = 1 << 4
	gicrWakerSleep  = 1 << 1 // ProcessorSleep
	gicrWakerAsleep = 1 << 2 // ChildrenAsleep

	// A redistributor is two 64 KiB frames (RD_base, SGI_base), four
	// with virtual LPIs (GICv4).
	gicrStride     = 0x20000
	gicrStrideVLPI = 0x40000

	// gicPollLimit bounds the waits for RWP and ChildrenAsleep: a GIC
	// that never answers is a broken board, not a hang.
	gicPollLimit = 1 << 20
)

// defined in gicv3.s: the CPU interface's system registers (IHI 0069,
// 12.2). Each setter ends with ISB, so its effect is visible to the next
// instruction; each clobbers R0 only.
func iccSRE() uint64
func setICCSRE(v uint64)
func setICCPMR(v uint64)
func setICCCTLR(v uint64)
func setICCIGRPEN1(v uint64)
func iccIAR1() uint32
func setICCEOIR1(v uint32)
func mpidrEL1() uint64

// Init enables the distributor with affinity routing, wakes this CPU's
// redistributor (GICR_WAKER) and turns on the system-register CPU
// interface for group 1, every priority unmasked. It panics when the
// redistributor for this CPU is missing or the system registers are
// disabled by a higher EL (ICC_SRE_EL2.Enable or ICC_SRE_EL3.Enable).
func (g *GICv3) Init() {
	// ARE may change only with the groups disabled (12.9.4).
	Write32(g.GICD+gicdCTLR, 0)
	g.waitRWP()
	Write32(g.GICD+gicdCTLR, gicdCTLRARE)
	g.waitRWP()
	Write32(g.GICD+gicdCTLR, gicdCTLRARE|gicdCTLRG1A|gicdCTLRG1)
	g.waitRWP()

	g.rd = g.redistributor()
	Write32(g.rd+gicrWAKER, Read32(g.rd+gicrWAKER)&^gicrWakerSleep)
	for i := 0; Read32(g.rd+gicrWAKER)&gicrWakerAsleep != 0; i++ {
		if i == gicPollLimit {
			panic("gicv3: redistributor does not wake up")
		}
	}

	setICCSRE(iccSRE() | 1)
	if iccSRE()&1 == 0 {
		panic("gicv3: system register interface disabled at EL2/EL3")
	}
	setICCPMR(0xf0)
	setICCCTLR(0) // EOImode 0: EOIR both drops priority and deactivates
	setICCIGRPEN1(1)
}

// waitRWP waits until the distributor applied the last GICD_CTLR write.
func (g *GICv3) waitRWP() {
	for i := 0; Read32(g.GICD+gicdCTLR)&gicdRWP != 0; i++ {
		if i == gicPollLimit {
			panic("gicv3: distributor register write pending")
		}
	}
}

// redistributor walks the redistributors from GICR until the one whose
// GICR_TYPER.Affinity_Value is this CPU's MPIDR_EL1 affinity (12.10.33).
func (g *GICv3) redistributor() uint64 {
	m := mpidrEL1()
	aff := uint32(m&0xffffff | m>>32&0xff<<24)
	for rd := g.GICR; ; {
		typer := Read32(rd + gicrTYPER)
		if Read32(rd+gicrTYPER+4) == aff {
			return rd
		}
		if typer&gicrTyperLast != 0 {
			panic("gicv3: no redistributor for this CPU")
		}
		if typer&gicrTyperVLPIS != 0 {
			rd += gicrStrideVLPI
		} else {
			rd += gicrStride
		}
	}
}

// Enable unmasks interrupt id at a middle priority, in group 1: an SGI
// or PPI (id < 32) in this CPU's redistributor, an SPI in the
// distributor, routed to this CPU. Preconditions: Init has run.
func (g *GICv3) Enable(id int) {
	base := g.GICD
	if id < 32 {
		base = g.rd + gicrSGIFrame
	} else {
		m := mpidrEL1()
		route := uint64(gicdIROUTER + 8*id)
		Write32(g.GICD+route, uint32(m&0xffffff))
		Write32(g.GICD+route+4, uint32(m>>32&0xff))
	}

	group := base + gicdIGROUPR + 4*uint64(id/32)
	Write32(group, Read32(group)|1<<(id%32))
	prio := base + gicdIPRIORITYR + uint64(id&^3)
	shift := 8 * uint(id&3)
	Write32(prio, Read32(prio)&^(0xff<<shift)|0x80<<shift)
	Write32(base+gicdISENABLER+4*uint64(id/32), 1<<(id%32))
}

// Ack acknowledges the highest-priority pending group 1 interrupt and
// returns ICC_IAR1_EL1: the INTID in bits 23:0 (below 1020 for SGIs,
// PPIs and SPIs), SpuriousIRQ when none.
func (g *GICv3) Ack() uint32 { return iccIAR1() }

// EOI ends the interrupt Ack returned iar for (ICC_EOIR1_EL1).
func (g *GICv3) EOI(iar uint32) { setICCEOIR1(iar) }

// Version implements GIC.
func (g *GICv3) Version() int { return 3 }
