"""Place names that locate a firm in one of the 17 시·도.

Names are written without their administrative suffix (시, 군, 구, 동…); the matcher
accepts the suffix. A name shared by several 시·도 lists all of them, so it only decides
together with another mention (대구 중구) or never."""

from knowledge.vocabulary import Region

R = Region

# Province-level names in all their official and everyday forms.
PROVINCES: dict[str, Region] = {
    "서울": R.SEOUL, "서울특별시": R.SEOUL, "부산": R.BUSAN, "부산광역시": R.BUSAN, "대구": R.DAEGU,
    "대구광역시": R.DAEGU, "인천": R.INCHEON, "인천광역시": R.INCHEON, "광주광역시": R.GWANGJU, "대전": R.DAEJEON,
    "대전광역시": R.DAEJEON, "울산": R.ULSAN, "울산광역시": R.ULSAN, "세종": R.SEJONG, "세종특별자치시": R.SEJONG,
    "경기": R.GYEONGGI, "경기도": R.GYEONGGI, "강원": R.GANGWON, "강원도": R.GANGWON, "강원특별자치도": R.GANGWON,
    "충북": R.CHUNGBUK, "충청북도": R.CHUNGBUK, "충남": R.CHUNGNAM, "충청남도": R.CHUNGNAM, "전북": R.JEONBUK,
    "전라북도": R.JEONBUK, "전북특별자치도": R.JEONBUK, "전남": R.JEONNAM, "전라남도": R.JEONNAM, "경북": R.GYEONGBUK,
    "경상북도": R.GYEONGBUK, "경남": R.GYEONGNAM, "경상남도": R.GYEONGNAM, "제주": R.JEJU, "제주도": R.JEJU,
    "제주특별자치도": R.JEJU,
}

# 시·군·구 and well-known districts, by the 시·도 they belong to.
PLACES: dict[Region, str] = {
    R.SEOUL: "종로 용산 성동 광진 동대문 중랑 성북 강북 도봉 노원 은평 서대문 마포 양천 구로 금천 "
             "영등포 관악 서초 강남 송파 강동 역삼 삼성동 선릉 테헤란로 가산 가산디지털단지 구로디지털단지 "
             "성수 여의도 을지로 홍대 잠실 마곡 상암 문래 신림 목동 압구정 청담 문정 가락 충무로 명동 "
             "동대문시장 광화문",
    R.BUSAN: "영도 부산진 동래 해운대 사하 금정 연제 센텀 광안리 녹산 남포 초량 장림",
    R.DAEGU: "달서 군위 동성로",
    R.INCHEON: "미추홀 부평 계양 옹진 송도 청라 검단 영종 주안 남동공단",
    R.GWANGJU: "하남산단",
    R.DAEJEON: "유성 대덕 둔산 대덕연구단지 대덕밸리 노은",
    R.ULSAN: "울주 온산 언양",
    R.SEJONG: "조치원",
    R.GYEONGGI: "수원 성남 의정부 안양 부천 광명 평택 동두천 안산 과천 남양주 오산 시흥 군포 의왕 하남 "
                "용인 파주 이천 안성 김포 화성 포천 연천 가평 양평 판교 분당 일산 동탄 광교 산본 평촌 "
                "반월 시화 송탄 영통 기흥 처인 권선 팔달 덕양 만안 운정 향남 발안 병점 봉담 마석 별내",
    R.GANGWON: "춘천 원주 강릉 동해 태백 속초 삼척 홍천 횡성 영월 평창 정선 철원 화천 양구 양양",
    R.CHUNGBUK: "청주 충주 제천 옥천 증평 진천 괴산 단양 오송 오창",
    R.CHUNGNAM: "천안 공주 보령 아산 서산 논산 계룡 당진 청양 홍성 태안 서천 탕정 배방",
    R.JEONBUK: "전주 군산 익산 정읍 남원 김제 진안 무주 임실 순창 고창 부안 완산 덕진",
    R.JEONNAM: "목포 여수 순천 나주 광양 담양 곡성 구례 고흥 보성 화순 장흥 해남 영암 함평 완도 대불",
    R.GYEONGBUK: "포항 경주 김천 안동 구미 영주 영천 문경 경산 의성 청송 영덕 청도 성주 칠곡 예천 봉화 "
                 "울진 울릉",
    R.GYEONGNAM: "창원 진주 통영 사천 김해 밀양 거제 의령 함안 창녕 남해 하동 산청 합천 마산 진해 의창 "
                 "마산합포 마산회원 장유",
    R.JEJU: "서귀포",
}

# Names that are also ordinary words (예산 = budget, 음성 = voice, 양산 = mass production…):
# they count only when written with their 시/군 suffix.
SUFFIX_REQUIRED: dict[str, Region] = {
    "예산": R.CHUNGNAM, "금산": R.CHUNGNAM, "부여": R.CHUNGNAM, "보은": R.CHUNGBUK, "영동": R.CHUNGBUK,
    "음성": R.CHUNGBUK, "장수": R.JEONBUK, "완주": R.JEONBUK, "영광": R.JEONNAM, "장성": R.JEONNAM, "강진": R.JEONNAM,
    "무안": R.JEONNAM, "진도": R.JEONNAM, "신안": R.JEONNAM, "영양": R.GYEONGBUK, "고령": R.GYEONGBUK,
    "양산": R.GYEONGNAM, "함양": R.GYEONGNAM, "거창": R.GYEONGNAM, "인제": R.GANGWON, "구리": R.GYEONGGI,
    "고양": R.GYEONGGI, "양주": R.GYEONGGI, "여주": R.GYEONGGI, "동작": R.SEOUL, "수영": R.BUSAN, "사상": R.BUSAN,
    "기장": R.BUSAN, "수성": R.DAEGU, "달성": R.DAEGU, "연수": R.INCHEON, "강화": R.INCHEON, "남동": R.INCHEON,
    "광산": R.GWANGJU, "상주": R.GYEONGBUK,
}

# Names shared by several 시·도. 광주 alone means the metropolitan city; 경기 광주 is
# settled by the 경기 mention next to it.
AMBIGUOUS: dict[str, tuple[Region, ...]] = {
    "광주": (R.GWANGJU, R.GYEONGGI),
    "중구": (R.SEOUL, R.BUSAN, R.DAEGU, R.INCHEON, R.DAEJEON, R.ULSAN),
    "동구": (R.BUSAN, R.DAEGU, R.INCHEON, R.GWANGJU, R.DAEJEON, R.ULSAN),
    "서구": (R.BUSAN, R.DAEGU, R.INCHEON, R.GWANGJU, R.DAEJEON),
    "남구": (R.BUSAN, R.DAEGU, R.GWANGJU, R.ULSAN, R.GYEONGBUK),
    "북구": (R.BUSAN, R.DAEGU, R.GWANGJU, R.ULSAN, R.GYEONGBUK),
    "강서": (R.SEOUL, R.BUSAN),
    "고성": (R.GANGWON, R.GYEONGNAM),
    "수도권": (R.SEOUL, R.GYEONGGI, R.INCHEON),
    "충청": (R.CHUNGBUK, R.CHUNGNAM, R.DAEJEON, R.SEJONG),
    "충청도": (R.CHUNGBUK, R.CHUNGNAM),
    "전라": (R.JEONBUK, R.JEONNAM, R.GWANGJU),
    "전라도": (R.JEONBUK, R.JEONNAM),
    "경상": (R.GYEONGBUK, R.GYEONGNAM, R.BUSAN, R.DAEGU, R.ULSAN),
    "경상도": (R.GYEONGBUK, R.GYEONGNAM),
}
# The first region of an ambiguous name that a lone mention may still decide.
AMBIGUOUS_DEFAULT: dict[str, Region] = {"광주": R.GWANGJU, "gwangju": R.GWANGJU, "kwangju": R.GWANGJU}

# Names that are also everyday words count only before one of these continuations or
# another place name: 경기 is also the economy ("경기가 어려워요").
CONTEXT_REQUIRED: dict[str, tuple[str, ...]] = {
    "경기": ("도", "남부", "북부", "지역", "쪽", "권", "에서", "에 있", "에있", "소재", " 남부", " 북부", " 지역", " 쪽",
             "에요", "예요", "요", "입니다", "이에요"),
}
# Names that are not places before these words: 전주 대비 = compared with last week.
BLOCKED_BEFORE: dict[str, tuple[str, ...]] = {"전주": ("대비", " 대비", "보다", "에 비해", " 比")}

ENGLISH: dict[str, Region] = {
    "seoul": R.SEOUL, "busan": R.BUSAN, "pusan": R.BUSAN, "daegu": R.DAEGU, "taegu": R.DAEGU, "incheon": R.INCHEON,
    "inchon": R.INCHEON, "daejeon": R.DAEJEON, "taejon": R.DAEJEON,
    "ulsan": R.ULSAN, "sejong": R.SEJONG, "gyeonggi": R.GYEONGGI, "kyonggi": R.GYEONGGI, "gyeonggi-do": R.GYEONGGI,
    "gangwon": R.GANGWON, "kangwon": R.GANGWON, "north chungcheong": R.CHUNGBUK, "chungcheongbuk": R.CHUNGBUK,
    "chungbuk": R.CHUNGBUK, "south chungcheong": R.CHUNGNAM, "chungcheongnam": R.CHUNGNAM, "chungnam": R.CHUNGNAM,
    "north jeolla": R.JEONBUK, "jeollabuk": R.JEONBUK, "jeonbuk": R.JEONBUK, "south jeolla": R.JEONNAM,
    "jeollanam": R.JEONNAM, "jeonnam": R.JEONNAM, "north gyeongsang": R.GYEONGBUK, "gyeongsangbuk": R.GYEONGBUK,
    "gyeongbuk": R.GYEONGBUK, "south gyeongsang": R.GYEONGNAM, "gyeongsangnam": R.GYEONGNAM,
    "gyeongnam": R.GYEONGNAM, "jeju": R.JEJU, "cheju": R.JEJU, "seogwipo": R.JEJU,
    "gangnam": R.SEOUL, "seocho": R.SEOUL, "songpa": R.SEOUL, "guro": R.SEOUL, "gasan": R.SEOUL, "yeouido": R.SEOUL,
    "mapo": R.SEOUL, "seongsu": R.SEOUL, "jongno": R.SEOUL, "yeongdeungpo": R.SEOUL, "magok": R.SEOUL,
    "haeundae": R.BUSAN, "centum": R.BUSAN, "songdo": R.INCHEON, "bupyeong": R.INCHEON, "yuseong": R.DAEJEON,
    "daedeok": R.DAEJEON, "suwon": R.GYEONGGI, "seongnam": R.GYEONGGI, "pangyo": R.GYEONGGI, "bundang": R.GYEONGGI,
    "yongin": R.GYEONGGI, "goyang": R.GYEONGGI, "ilsan": R.GYEONGGI, "bucheon": R.GYEONGGI, "ansan": R.GYEONGGI,
    "anyang": R.GYEONGGI, "hwaseong": R.GYEONGGI, "pyeongtaek": R.GYEONGGI, "gimpo": R.GYEONGGI, "paju": R.GYEONGGI,
    "siheung": R.GYEONGGI, "uijeongbu": R.GYEONGGI, "namyangju": R.GYEONGGI, "icheon": R.GYEONGGI,
    "hanam": R.GYEONGGI, "gwangmyeong": R.GYEONGGI, "osan": R.GYEONGGI, "gunpo": R.GYEONGGI, "dongtan": R.GYEONGGI,
    "chuncheon": R.GANGWON, "wonju": R.GANGWON, "gangneung": R.GANGWON, "sokcho": R.GANGWON,
    "cheongju": R.CHUNGBUK, "chungju": R.CHUNGBUK, "jecheon": R.CHUNGBUK, "osong": R.CHUNGBUK, "ochang": R.CHUNGBUK,
    "cheonan": R.CHUNGNAM, "asan": R.CHUNGNAM, "dangjin": R.CHUNGNAM, "seosan": R.CHUNGNAM, "gongju": R.CHUNGNAM,
    "nonsan": R.CHUNGNAM, "jeonju": R.JEONBUK, "gunsan": R.JEONBUK, "iksan": R.JEONBUK, "mokpo": R.JEONNAM,
    "yeosu": R.JEONNAM, "suncheon": R.JEONNAM, "gwangyang": R.JEONNAM, "naju": R.JEONNAM, "pohang": R.GYEONGBUK,
    "gyeongju": R.GYEONGBUK, "gumi": R.GYEONGBUK, "andong": R.GYEONGBUK, "gyeongsan": R.GYEONGBUK,
    "gimcheon": R.GYEONGBUK, "changwon": R.GYEONGNAM, "gimhae": R.GYEONGNAM, "jinju": R.GYEONGNAM,
    "geoje": R.GYEONGNAM, "yangsan": R.GYEONGNAM, "tongyeong": R.GYEONGNAM, "masan": R.GYEONGNAM,
    "miryang": R.GYEONGNAM, "sacheon": R.GYEONGNAM,
}
ENGLISH_AMBIGUOUS: dict[str, tuple[Region, ...]] = {
    "goseong": (R.GANGWON, R.GYEONGNAM), "gwangju": (R.GWANGJU, R.GYEONGGI), "kwangju": (R.GWANGJU, R.GYEONGGI),
}
