"""The closed vocabularies of the intake (contracts.md §1), shared by the knowledge base,
the dialog engine and the matcher so that an entry's eligibility and an owner's answer
speak the same words."""

from enum import StrEnum


class Industry(StrEnum):
    MANUFACTURING = "manufacturing"
    RETAIL_ECOMMERCE = "retail_ecommerce"
    FOOD_SERVICE = "food_service"
    SERVICES = "services"
    IT_SOFTWARE = "it_software"
    LOGISTICS = "logistics"
    CONSTRUCTION = "construction"
    HEALTHCARE_BIO = "healthcare_bio"
    AGRI_FOOD = "agri_food"
    CULTURE_CONTENT = "culture_content"
    OTHER = "other"


class Region(StrEnum):
    SEOUL = "seoul"
    BUSAN = "busan"
    DAEGU = "daegu"
    INCHEON = "incheon"
    GWANGJU = "gwangju"
    DAEJEON = "daejeon"
    ULSAN = "ulsan"
    SEJONG = "sejong"
    GYEONGGI = "gyeonggi"
    GANGWON = "gangwon"
    CHUNGBUK = "chungbuk"
    CHUNGNAM = "chungnam"
    JEONBUK = "jeonbuk"
    JEONNAM = "jeonnam"
    GYEONGBUK = "gyeongbuk"
    GYEONGNAM = "gyeongnam"
    JEJU = "jeju"


# The capital area matters for programs that move firms out of it (seed 001).
CAPITAL_AREA: frozenset[Region] = frozenset({Region.SEOUL, Region.INCHEON, Region.GYEONGGI})


class SupportType(StrEnum):
    FUNDING = "funding"
    MENTORING = "mentoring"
    CONSULTING = "consulting"
    TECHNOLOGY = "technology"
    SOLUTION = "solution"
    TRAINING = "training"
    EXPORT = "export"
    SPACE = "space"
    REGULATION = "regulation"


class FundingNeed(StrEnum):
    NONE = "none"
    OPERATING = "operating"
    GROWTH_INVESTMENT = "growth_investment"
    EMERGENCY = "emergency"


class DigitalSkills(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RemoteStatus(StrEnum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class Urgency(StrEnum):
    WITHIN_1_MONTH = "within_1_month"
    WITHIN_3_MONTHS = "within_3_months"
    WITHIN_1_YEAR = "within_1_year"
    EXPLORING = "exploring"


class CompanyStage(StrEnum):
    """Derived from `company.founded_year`: a firm not yet registered is a pre-founder."""

    PRE_FOUNDER = "pre_founder"
    STARTUP = "startup"  # registered less than 7 years ago (the usual Korean 창업기업 line)
    ESTABLISHED = "established"
