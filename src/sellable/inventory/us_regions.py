"""United States regions: postal codes, names and Magento's directory region ids."""

# (Magento region_id, postal code, name), as in Magento's directory data.
US_REGIONS: tuple[tuple[int, str, str], ...] = (
    (1, "AL", "Alabama"),
    (2, "AK", "Alaska"),
    (3, "AS", "American Samoa"),
    (4, "AZ", "Arizona"),
    (5, "AR", "Arkansas"),
    (6, "AE", "Armed Forces Africa"),
    (7, "AA", "Armed Forces Americas"),
    (8, "AE", "Armed Forces Canada"),
    (9, "AE", "Armed Forces Europe"),
    (10, "AE", "Armed Forces Middle East"),
    (11, "AP", "Armed Forces Pacific"),
    (12, "CA", "California"),
    (13, "CO", "Colorado"),
    (14, "CT", "Connecticut"),
    (15, "DE", "Delaware"),
    (16, "DC", "District of Columbia"),
    (17, "FM", "Federated States Of Micronesia"),
    (18, "FL", "Florida"),
    (19, "GA", "Georgia"),
    (20, "GU", "Guam"),
    (21, "HI", "Hawaii"),
    (22, "ID", "Idaho"),
    (23, "IL", "Illinois"),
    (24, "IN", "Indiana"),
    (25, "IA", "Iowa"),
    (26, "KS", "Kansas"),
    (27, "KY", "Kentucky"),
    (28, "LA", "Louisiana"),
    (29, "ME", "Maine"),
    (30, "MH", "Marshall Islands"),
    (31, "MD", "Maryland"),
    (32, "MA", "Massachusetts"),
    (33, "MI", "Michigan"),
    (34, "MN", "Minnesota"),
    (35, "MS", "Mississippi"),
    (36, "MO", "Missouri"),
    (37, "MT", "Montana"),
    (38, "NE", "Nebraska"),
    (39, "NV", "Nevada"),
    (40, "NH", "New Hampshire"),
    (41, "NJ", "New Jersey"),
    (42, "NM", "New Mexico"),
    (43, "NY", "New York"),
    (44, "NC", "North Carolina"),
    (45, "ND", "North Dakota"),
    (46, "MP", "Northern Mariana Islands"),
    (47, "OH", "Ohio"),
    (48, "OK", "Oklahoma"),
    (49, "OR", "Oregon"),
    (50, "PW", "Palau"),
    (51, "PA", "Pennsylvania"),
    (52, "PR", "Puerto Rico"),
    (53, "RI", "Rhode Island"),
    (54, "SC", "South Carolina"),
    (55, "SD", "South Dakota"),
    (56, "TN", "Tennessee"),
    (57, "TX", "Texas"),
    (58, "UT", "Utah"),
    (59, "VT", "Vermont"),
    (60, "VI", "Virgin Islands"),
    (61, "VA", "Virginia"),
    (62, "WA", "Washington"),
    (63, "WV", "West Virginia"),
    (64, "WI", "Wisconsin"),
    (65, "WY", "Wyoming"),
)

NAME_BY_CODE: dict[str, str] = {}
for _region_id, _code, _name in US_REGIONS:
    NAME_BY_CODE.setdefault(_code, _name)
NAME_BY_ID: dict[str, str] = {str(rid): name for rid, _, name in US_REGIONS}


def us_region_name(value: str) -> str:
    """The region's name, given its name, postal code or Magento region id."""
    text = value.strip()
    return NAME_BY_ID.get(text) or NAME_BY_CODE.get(text.upper()) or text
