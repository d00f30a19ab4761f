"""A small official table whose figures are worked out by hand in the tests."""

SMALL_TABLE = """period,region_code,nationality,age_band,sex,residence_status,language,count
2026-10,3020052000,CN,20-24,F,D-2,zh-hans,30
2026-10,3020052000,VN,20-24,M,E-9,vi,12
2026-10,3020052600,CN,25,M,F-4,zh,8
2026-10,3011051500,VN,30-34,F,F-6,vi,20
2026-10,3011051500,NP,20,M,E-9,ne,3
2026-10,3011053000,UZ,65+,F,F-4,uz,1
2026-09,3020052000,CN,20-24,F,D-2,zh-hans,28
2026-09,3011051500,VN,30-34,F,F-6,vi,19
"""
