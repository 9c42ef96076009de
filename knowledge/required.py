"""Entry ids other teams and the evaluation depend on (contracts.md §2)."""

REQUIRED_PROGRAMS = (
    "innovation-mentor",
    "kosme-policy-fund-online",
    "kosme-smart-factory",
    "kosme-online-export",
    "kosme-regulation-free-zone",
    "kosme-regional-champion",
    "kosme-emergency-fund",
    "kosme-restructuring",
    "kosme-youth-tomorrow-fund",
    "kosme-ai-bigdata-training",
    "kosme-job-matching",
    "daejeon-mentor-pool",
    "daejeon-startup96",
    "daejeon-global-online",
    "kisti-knowledge-mentoring",
    "nst-rnd-sme-support",
    "kitech-consulting",
    "kasdi-daas-remote-work",
    "kasdi-metaverse",
    "kasdi-blockchain-contracts",
    "kasdi-re100",
)

REQUIRED_VENDORS = (
    "tilon",
    "tmaxos",
    "ktnf",
    "softcamp",
    "datastreams",
    "inca-internet",
    "machbase",
    "artpq",
    "oddconcept",
    "rsupport",
)

REQUIRED_IDS = tuple(f"program:{s}" for s in REQUIRED_PROGRAMS) + tuple(
    f"vendor:{s}" for s in REQUIRED_VENDORS
)
