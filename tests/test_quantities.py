"""The figures of a sentence: value, range, unit, kind, approximation, change; and what is not a figure.

Each case is (text, value, value_max, unit, kind, approx, change): the sentence must yield a
quantity with that value whose other fields are as given. NOT_CLAIMS lists (text, value) pairs
where the value must not come out as a claim.
"""
from __future__ import annotations

import math

import pytest

from evfacts import nlp
from evfacts.claims.quantities import find_quantities

P, M, Q = "percent", "money", "quantity"


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def figures(pipeline, text, **options):
    doc = pipeline(text)
    out = []
    for sent in doc.sents:
        for q in find_quantities(sent, **options):
            assert doc.text[q.start:q.end] == q.text, (q.start, q.end, q.text)
            out.append(q)
    return out


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


CASES = [
    # --- fractions in digits (a glued pair that is no fraction is in NOT_CLAIMS)
    ("Shares rose 1/2 point.", 0.5, None, "point", Q, None, "up"),
    ("The pipe is 3 1/2 inches wide.", 3.5, None, "in", Q, None, None),
    ("The stock fell 3-3/4 points.", 3.75, None, "point", Q, None, "down"),
    # --- plain digits, separators, decimals
    ("The plant employs 550,000 workers.", 550000, None, "worker", Q, None, None),
    ("It sold 1,234,567 phones.", 1234567, None, "phone", Q, None, None),
    ("The index closed at 3,005.47.", 3005.47, None, None, Q, None, None),
    ("The reading was 0.75 on the scale.", 0.75, None, None, Q, None, None),
    ("The battery holds 82.5 kWh.", 82.5, None, "kWh", Q, None, None),
    ("Engineers measured 550\u202f000 cycles.", 550000, None, "cycle", Q, None, None),
    ("The fund manages 1\u00a0200 accounts.", 1200, None, "account", Q, None, None),
    ("They hired 12,34,567 people in India.", 1234567, None, "people", Q, None, None),
    # --- scales
    ("Deliveries reached 1.1 million units.", 1100000, None, "unit", Q, None, None),
    ("The firm has 2.2 billion users.", 2.2e9, None, "user", Q, None, None),
    ("The app has 100M+ users.", 1e8, None, "user", Q, ">=", None),
    ("The stadium seats 45K fans.", 45000, None, "fan", Q, None, None),
    ("The debt stands at 3 trillion.", 3e12, None, None, Q, None, None),
    ("The album sold 4.3M copies.", 4.3e6, None, "copy", Q, None, None),
    ("The village has 4 hundred houses.", 400, None, "house", Q, None, None),
    ("The state has 35 lakh voters.", 3.5e6, None, "voter", Q, None, None),
    # --- money
    ("The car costs $45,000.", 45000, None, "USD", M, None, None),
    ("Revenue was $2.5bn.", 2.5e9, None, "USD", M, None, None),
    ("The group earned €7.3 billion.", 7.3e9, None, "EUR", M, None, None),
    ("The sedan starts at US$30,000 in America.", 30000, None, "USD", M, ">=", None),
    ("The model sells for RMB 215,900.", 215900, None, "CNY", M, None, None),
    ("Shares closed at HK$38.20.", 38.2, None, "HKD", M, None, None),
    ("The bonus was £1,000.", 1000, None, "GBP", M, None, None),
    ("The deal is worth ¥590 billion.", 5.9e11, None, "JPY", M, None, None),
    ("Profit was Y=100 million.", 1e8, None, "JPY", M, None, None),
    ("The charge was C$300 million.", 3e8, None, "CAD", M, None, None),
    ("The price is A$82 million.", 8.2e7, None, "AUD", M, None, None),
    ("Debt was $US113 trillion.", 1.13e14, None, "USD", M, None, None),
    ("The order is worth USD 200.", 200, None, "USD", M, None, None),
    ("The order is worth 115USD.", 115, None, "USD", M, None, None),
    ("Funding totalled 20 MUSD.", 2e7, None, "USD", M, None, None),
    ("They paid 420 million euros.", 4.2e8, None, "EUR", M, None, None),
    ("She was fined 10,000 Swiss francs.", 10000, None, "CHF", M, None, None),
    ("The trust holds 10.5 million Australian dollars.", 1.05e7, None, "AUD", M, None, None),
    ("The sale raised 333.6 million yen.", 3.336e8, None, "JPY", M, None, None),
    ("Turnover reached 1.3 billion shekels.", 1.3e9, None, "ILS", M, None, None),
    ("Output hit 100 billion yuan.", 1e11, None, "CNY", M, None, None),
    ("The fee is 500 rupees.", 500, None, "INR", M, None, None),
    ("The dividend is 45 cents per share.", 0.45, None, "USD", M, None, None),
    ("The stock closed at 197 pence.", 1.97, None, "GBP", M, None, None),
    ("It only cost 3 dollars 50 cents.", 3.5, None, "USD", M, None, None),
    ("It costs 15 €.", 15, None, "EUR", M, None, None),
    ("He paid PS6m for the house.", 6e6, None, "GBP", M, None, None),
    ("The watch costs $99.", 99, None, "USD", M, None, None),
    ("Losses widened to -$2.5 million.", -2.5e6, None, "USD", M, None, None),
    # --- percent and points
    ("Margins were 13%.", 13, None, "%", P, None, None),
    ("Margins were 13 percent.", 13, None, "%", P, None, None),
    ("Margins were 13 per cent.", 13, None, "%", P, None, None),
    ("Margins were 13pc.", 13, None, "%", P, None, None),
    ("The rate is 1.38pc.", 1.38, None, "%", P, None, None),
    ("The central bank raised rates by 25 basis points.", 25, None, "basis point", P, None, "up"),
    ("Unemployment fell 3 percentage points.", 3, None, "percentage point", P, None, "down"),
    ("Its share slipped 0.4 pp last year.", 0.4, None, "percentage point", P, None, "down"),
    ("The stake is 43.4 percent-owned by the parent.", 43.4, None, "%", P, None, None),
    ("Sixty percent of voters agreed.", 60, None, "%", P, None, None),
    # --- units
    ("The chip uses a 3-nanometer process.", 3, None, "nm", Q, None, None),
    ("The pack stores 75 kWh.", 75, None, "kWh", Q, None, None),
    ("The car can drive 500 km on a charge.", 500, None, "km", Q, None, None),
    ("The vehicle weighs 1,950 kg.", 1950, None, "kg", Q, None, None),
    ("The tower is 72.7 metres tall.", 72.7, None, "m", Q, None, None),
    ("The phone has a 6.1-inch screen.", 6.1, None, "in", Q, None, None),
    ("The motor makes 536 hp.", 536, None, "hp", Q, None, None),
    ("The engine produces 938 horsepower.", 938, None, "hp", Q, None, None),
    ("The storm brought 155mph winds.", 155, None, "mph", Q, None, None),
    ("The runner covered 5 kilometers.", 5, None, "km", Q, None, None),
    ("The cable runs 8 miles under the river.", 8, None, "mi", Q, None, None),
    ("The farm produces 16,000 metric tons of grain.", 16000, None, "t", Q, None, None),
    ("The array delivers 30 gigawatts.", 30, None, "GW", Q, None, None),
    ("The plant has 550 megawatt of capacity.", 550, None, "MW", Q, None, None),
    ("The screen refreshes at 120Hz.", 120, None, "Hz", Q, None, None),
    ("The tablet has 256 GB of storage.", 256, None, "GB", Q, None, None),
    ("The recipe needs 50mL of water.", 50, None, "millilitre", Q, None, None),
    ("The vat holds 10 gallons.", 10, None, "gallon", Q, None, None),
    ("Water boils at 100 °C.", 100, None, "°C", Q, None, None),
    ("The office covers 1,520 sq m.", 1520, None, "m²", Q, None, None),
    ("The pipeline carries 800,000 barrels a day.", 800000, None, "barrel", Q, None, None),
    ("The car reached 15-22 miles per hour.", 15, 22, "mph", Q, None, None),
    ("The boot offers 24.5 cubic feet.", 24.5, None, "cubic foot", Q, None, None),
    ("The laser runs at 5-10W.", 5, 10, "W", Q, None, None),
    ("The battery lasts 2.5 hours.", 2.5, None, "h", Q, None, None),
    ("The trial took 3 years.", 3, None, "year", Q, None, None),
    ("The 65-year-old founder resigned.", 65, None, "year", Q, None, None),
    ("The tablet weighs 500mg.", 500, None, "milligram", Q, None, None),
    # --- counted nouns (head noun; quality adjectives skipped)
    ("Xiaomi plans 550,000 EV deliveries next year.", 550000, None, "delivery", Q, None, None),
    ("Two serious accidents triggered a probe.", 2, None, "accident", Q, None, None),
    ("The firm plans four new launches.", 4, None, "launch", Q, None, None),
    ("The market grew to 24 million vehicles.", 2.4e7, None, "vehicle", Q, None, None),
    ("Europe posted 4.9 million sales.", 4.9e6, None, "sale", Q, None, None),
    ("The agency counted 3,200 stolen cars.", 3200, None, "car", Q, None, None),
    ("The council approved 12 charging stations.", 12, None, "charging station", Q, None, None),
    ("The lab tested 40 mice.", 40, None, "mouse", Q, None, None),
    ("The bank closed 30 branches.", 30, None, "branch", Q, None, None),
    ("The ministry hired 5,000 new employees.", 5000, None, "employee", Q, None, None),
    ("The company announced 6,000 job cuts.", 6000, None, "job cut", Q, None, None),
    ("The club signed 3 goalkeepers.", 3, None, "goalkeeper", Q, None, None),
    ("The dividend was raised 80 times.", 80, None, "time", Q, None, None),
    # --- spelled-out numbers
    ("The company opened four stores.", 4, None, "store", Q, None, None),
    ("The team hired two dozen engineers.", 24, None, "engineer", Q, None, None),
    ("A third of the fleet is electric.", 1 / 3, None, "fleet", Q, None, None),
    ("The task took one and a half hours.", 1.5, None, "h", Q, None, None),
    ("Nearly two-thirds of buyers chose the base model.", 2 / 3, None, "buyer", Q, "~", None),
    ("There are twenty-eight thousand students.", 28000, None, "student", Q, None, None),
    ("The fund raised twelve million dollars.", 1.2e7, None, "USD", M, None, None),
    ("It costs half a million dollars.", 5e5, None, "USD", M, None, None),
    ("Seventeen tests were successful.", 17, None, "test", Q, None, None),
    ("Half the condos have sold.", 0.5, None, "condo", Q, None, None),
    # --- fractions, negatives, scientific
    ("The recipe requires 1/2 pound of flour.", 0.5, None, "lb", Q, None, None),
    ("The wire is 10 1/2 miles long.", 10.5, None, "mi", Q, None, None),
    ("Add ½ teaspoon of salt.", 0.5, None, "teaspoon", Q, None, None),
    ("The offense finished at minus-5 yards.", -5, None, "yd", Q, None, None),
    ("Temperatures fell to -12 degrees.", -12, None, "degree", Q, None, None),
    ("Europe: DAX -1.6% at the open.", -1.6, None, "%", P, None, "down"),
    ("The mass is 1.99×10−30 kilograms.", 1.99e-30, None, "kg", Q, None, None),
    # --- ranges
    ("The project will take 3 to 5 years.", 3, 5, "year", Q, None, None),
    ("Prices rose between 10% and 12%.", 10, 12, "%", P, None, "up"),
    ("The unit costs $1-2 billion.", 1e9, 2e9, "USD", M, None, None),
    ("Fees range from $200 to $4 million.", 200, 4e6, "USD", M, None, None),
    ("Analysts expect $10 to $15 billion in sales.", 1e10, 1.5e10, "USD", M, None, None),
    ("There are four to five thousand people.", 4000, 5000, "people", Q, None, None),
    ("There are 1 to 2 thousand people.", 1000, 2000, "people", Q, None, None),
    ("Forecasts call for 5% to 10% improvement.", 5, 10, "%", P, None, None),
    ("Upper limits lie between 15kHz and 17kHz.", 15, 17, "kilohertz", Q, None, None),
    ("Analysts estimate 160,000 to 180,000 headsets.", 160000, 180000, "headset", Q, None, None),
    ("Fees run 1 per cent to 1.5 per cent.", 1, 1.5, "%", P, None, None),
    # --- approximation
    ("The firm employs about 600 people.", 600, None, "people", Q, "~", None),
    ("Revenue was around $4 billion.", 4e9, None, "USD", M, "~", None),
    ("The trip took roughly 20 minutes.", 20, None, "min", Q, "~", None),
    ("The company has nearly 1.5 billion users.", 1.5e9, None, "user", Q, "~", None),
    ("The product arrived in almost seven years.", 7, None, "year", Q, "~", None),
    ("Some 300 residents were evacuated.", 300, None, "resident", Q, "~", None),
    ("There were approximately 10,000 chips.", 10000, None, "chip", Q, "~", None),
    ("The fund holds over $200 billion.", 2e11, None, "USD", M, ">", None),
    ("It has more than 1,000 customers.", 1000, None, "customer", Q, ">", None),
    ("The plan needs at least 400 stations.", 400, None, "station", Q, ">=", None),
    ("The add-ons could cost up to $4,600.", 4600, None, "USD", M, "<=", None),
    ("Charging takes under 20 minutes.", 20, None, "min", Q, "<", None),
    ("The office has less than 50 staff.", 50, None, "staff", Q, "<", None),
    ("The bill is capped at most $24 a year.", 24, None, "USD", M, "<=", None),
    ("Profit was just under $27 billion.", 2.7e10, None, "USD", M, "<", None),
    ("The firm has close to an 80% share.", 80, None, "%", P, "~", None),
    ("The team has 50 members or more.", 50, None, "member", Q, ">=", None),
    ("Sales jumped from about 1.1 million to over 13 million.", 1.1e6, None, None, Q, "~", None),
    ("Sales jumped from about 1.1 million to over 13 million.", 1.3e7, None, None, Q, ">", None),
    ("Earnings went from less than $3 billion to more than $17 billion.", 3e9, None, "USD", M, "<", None),
    ("Earnings went from less than $3 billion to more than $17 billion.", 1.7e10, None, "USD", M, ">", None),
    # --- change vs level
    ("EV sales are expected to grow by 13% to 24 million vehicles.", 13, None, "%", P, None, "up"),
    ("EV sales are expected to grow by 13% to 24 million vehicles.", 2.4e7, None, "vehicle", Q, None, None),
    ("Sales are forecast to drop 29% to 1.1 million units.", 29, None, "%", P, None, "down"),
    ("Sales are forecast to drop 29% to 1.1 million units.", 1.1e6, None, "unit", Q, None, None),
    ("Europe posted 4.9 million sales, up 14% from the prior year.", 14, None, "%", P, None, "up"),
    ("Growth slowed from a 22% rally last year.", 22, None, "%", P, None, "up"),
    ("The stock rose 5% on Monday.", 5, None, "%", P, None, "up"),
    ("Unemployment fell 3 percentage points.", 3, None, "percentage point", P, None, "down"),
    ("Revenue declined by $2bn.", 2e9, None, "USD", M, None, "down"),
    ("Shares were down 2.1% in early trade.", 2.1, None, "%", P, None, "down"),
    ("Shares plunged 4.28 percent to $28.", 4.28, None, "%", P, None, "down"),
    ("Shares plunged 4.28 percent to $28.", 28, None, "USD", M, None, None),
    ("The index lost 190 points, or 0.6%.", 190, None, "point", Q, None, "down"),
    ("The index lost 190 points, or 0.6%.", 0.6, None, "%", P, None, "down"),
    ("Revenue jumped by 86% year over year.", 86, None, "%", P, None, "up"),
    ("Shares rose about 1.5% in premarket trading.", 1.5, None, "%", P, "~", "up"),
    ("The dividend reflects a 5% growth rate, or $0.01, over last quarter.", 0.01, None, "USD", M, None, "up"),
    ("The firm reported an 11% increase in orders.", 11, None, "%", P, None, "up"),
    ("Bookings saw a sharp 3 percent drop.", 3, None, "%", P, None, "down"),
    ("Sales were down 2% from a year ago.", 2, None, "%", P, None, "down"),
    ("The deficit increased by $43.6 billion to $419.2 billion.", 4.36e10, None, "USD", M, None, "up"),
    ("The deficit increased by $43.6 billion to $419.2 billion.", 4.192e11, None, "USD", M, None, None),
    ("Nvidia may add another $14 billion in revenue.", 1.4e10, None, "USD", M, None, "up"),
    ("The economy grew 3% last year.", 3, None, "%", P, None, "up"),
    ("Sales reached 1.5 million in 2025.", 1.5e6, None, None, Q, None, None),
    # --- orders of magnitude, from-to, years that are figures
    ("Dozens of people were evacuated.", 12, 120, "people", Q, None, None),
    ("The firm plans thousands of job cuts.", 1000, 10000, "job cut", Q, None, None),
    ("The plume extends hundreds of miles.", 100, 1000, "mi", Q, None, None),
    ("The price fell from $36,040 on Monday to $34,935.", 36040, 34935, "USD", M, None, None),
    ("Mileage rose from 20 mpg in 2008 to 29 mpg.", 20, 29, "mpg", Q, None, None),
    ("The bloc softened its planned 2035 ban on petrol cars.", 2035, None, None, "year", None, None),
    ("It took one hundred and five days.", 105, None, "day", Q, None, None),
    ("Weekly payrolls jumped +353,000 in January.", 353000, None, None, Q, None, "up"),
    ("The stock is -0.2 at $4.50.", -0.2, None, None, Q, None, "down"),
    ("The company cut 12,000 jobs in January.", 12000, None, "job", Q, None, "down"),
    ("The fund raised $2 billion from investors.", 2e9, None, "USD", M, None, None),
    ("The weight is 20 (kg).", 20, None, "kg", Q, None, None),
    ("One US fluid ounce is 1/16 of a US pint.", 0.0625, None, "pint", Q, None, None),
    ("It costs 10 us dollar and me c $ 100.", 100, None, "CAD", M, None, None),
    ("The wire is 12 m long.", 12, None, "m", Q, None, None),
    ("The app has 3m users.", 3e6, None, "user", Q, None, None),
    ("The sprinter won the 100m final.", 100, None, "m", Q, None, None),
    ("It cost £1.2m to build.", 1.2e6, None, "GBP", M, None, None),
    ("The speed of light is approximately 2.998×10−8 meters per second.", 2.998e-8, None, "m/s", Q, "~", None),
    ("The fund owns a 3-3/4 stake in the lender.", 3.75, None, "stake", Q, None, None),
    ("The firm bought 350,000 graphics processing units.", 350000, None, "processing unit", Q, None, None),
    ("Services revenue upped by 9%, making up 22% of sales.", 9, None, "%", P, None, "up"),
    ("Services revenue upped by 9%, making up 22% of sales.", 22, None, "%", P, None, None),
    ("Shares were off 3% from the high.", 3, None, "%", P, None, "down"),
    ("Shares increased by an abundant 52% over the year.", 52, None, "%", P, None, "up"),
    ("Gold added $6.30, or 0.3%, to settle at $2,050.90.", 6.3, None, "USD", M, None, "up"),
    ("Gold added $6.30, or 0.3%, to settle at $2,050.90.", 2050.9, None, "USD", M, None, None),
    ("The company added $5 billion in revenue.", 5e9, None, "USD", M, None, None),
    ("Margins widened 5-7% last year.", 5, 7, "%", P, None, "up"),
    ("The firm has 1,000-plus employees.", 1000, None, "employee", Q, ">=", None),
    ("The deal is worth Rs 500 crore.", 5e9, None, "INR", M, None, None),
    ("The firm shed 1,200 staff.", 1200, None, "staff", Q, None, "down"),
    ("Profit rose to a record $4.5bn, up from $3.9bn.", 4.5e9, None, "USD", M, None, None),
    ("Profit rose to a record $4.5bn, up from $3.9bn.", 3.9e9, None, "USD", M, None, None),
    ("Temperatures ranged from -5 to -3 degrees.", -5, -3, "degree", Q, None, None),
    ("Temperatures ranged from -5 to -3 degrees, and margins were between -2% and 4%.", -2, 4, "%", P, None, None),
    ("The number is 1×10^999 kg and 5 kg.", 5, None, "kg", Q, None, None),
    ("It was one of four proposals on the table.", 4, None, "proposal", Q, None, None),
    # --- a count after a name, feet and inches, spaced inch marks, ages in months
    ("I tried to call Bob 3 times already.", 3, None, "time", Q, None, None),
    ("The length is 12 ft 2 in more or less.", 2, None, "in", Q, None, None),
    ("He has a pen that is 10 \" long.", 10, None, "in", Q, None, None),
    ("The mother of a now-18 month-old boy spoke.", 18, None, "month", Q, None, None),
    ("That one mile can change a race.", 1, None, "mi", Q, None, None),
    ("He said \"it costs 10 \" and left.", 10, None, None, Q, None, None),
    # --- rates across the measured stuff, "per gramme", "dollar 5 million"
    ("The airline buys 2.4 billion gallons of jet fuel a year.", 2.4e9, None, "gallon", Q, None, None),
    ("The mine ships 3,000 tons of copper ore per day.", 3000, None, "ton", Q, None, None),
    ("The soil held 37.8 micrograms per gramme.", 37.8, None, "microgram", Q, None, None),
    ("The price is dollar 22.5 million.", 2.25e7, None, "USD", M, None, None),
    # --- the bare end of a from-to keeps the unit of the start
    ("Mileage rose from about 14-18 mpg to 24 for SUVs.", 24, None, "mpg", Q, None, None),
    ("He slimmed from about 208 pounds to 193 by walking.", 193, None, "lb", Q, None, None),
    # --- tokenised text: a spaced hyphen inside a spelled-out number
    ("He sold his remaining one - third interest.", 1 / 3, None, "interest", Q, None, None),
    ("They bought twenty - five shares.", 25, None, "share", Q, None, None),
    # --- a classifying (relational) adjective belongs to the counted noun; qualities do not
    ("Police logged 22 residential burglaries last week.", 22, None, "residential burglary", Q, None, None),
    ("The port is home to 60 commercial fishermen.", 60, None, "commercial fisherman", Q, None, None),
    ("The city registered 1,200 electric vehicles.", 1200, None, "electric vehicle", Q, None, None),
    ("The city registered 30 small cars.", 30, None, "car", Q, None, None),
    ("The firm hired 50 additional workers.", 50, None, "worker", Q, None, None),
    ("The store offers 600 new spatial experiences.", 600, None, "spatial experience", Q, None, None),
    # --- an upper-case abbreviation closing the phrase is the unit
    ("Top relievers: John Gant (0.5 WAR), Alex Reyes (0.4 WAR).", 0.4, None, "WAR", Q, None, None),
    ("The pitcher posted a 3.25 ERA, the best in the league.", 3.25, None, "ERA", Q, None, None),
    ("The port handled 20,000 TEU.", 20000, None, "TEU", Q, None, None),
    ("The stock is up 30 YTD.", 30, None, None, Q, None, "up"),
    # --- lower-cased ISO codes before the number
    ("rmb 10 usd 20", 10, None, "CNY", M, None, None),
    ("rmb 10 usd 20", 20, None, "USD", M, None, None),
    ("The fund paid usd 2.5 million for the stake.", 2.5e6, None, "USD", M, None, None),
    # --- a hyphenated from-to ("0-to-60-mph"); a bracketed conversion is as approximate as its figure
    ("It shaved a second off its 0-to-60-mph time.", 0, 60, "mph", Q, None, None),
    ("The trail runs about 300 miles (480 km) north.", 480, None, "km", Q, "~", None),
    ("The deal is worth more than $5 billion (£4 billion) in cash.", 4e9, None, "GBP", M, ">", None),
    # --- one currency code between two numbers belongs to the first ("17 USD 25" is 17.25)
    ("The subscription will increase to 17 USD 25.", 17.25, None, "USD", M, None, None),
    ("The building covers 24703m2 of floor.", 24703, None, "m²", Q, None, None),
    # --- coordinated modifiers before the counted noun; "a NOUN or two"
    ("The album sold 4.3M digital and physical copies.", 4.3e6, None, "copy", Q, None, None),
    ("About 460 Kia and Hyundai vehicles were stolen.", 460, None, "vehicle", Q, "~", None),
    ("They want to add another pick or two.", 2, None, "pick", Q, None, None),
    ("The decision could take a day or two.", 2, None, "day", Q, None, None),
    # --- a national currency named with its adjective is its ISO code
    ("Nokia agreed to buy the firm for 420 million finnish markka.", 4.2e8, None, "FIM", M, None, None),
    ("The bank sold 250 million Dutch guilders of bonds.", 2.5e8, None, "NLG", M, None, None),
    ("He paid 30,000 Hungarian forints.", 30000, None, "HUF", M, None, None),
    # --- "over" + a time span after a verb is "during", not "more than"
    ("The rover traveled 28 kilometers over nine years.", 9, None, "year", Q, None, None),
    ("The firm has operated for over 20 years.", 20, None, "year", Q, ">", None),
    ("It happened over 20 years ago.", 20, None, "year", Q, ">", None),
    # --- a count per unit of time is a rate
    ("The plant will produce 200,000 batteries a year.", 200000, None, "battery", Q, None, None),
    ("Neutron stars can spin 700 times a second.", 700, None, "time", Q, None, None),
    # --- glued C/F in a sentence about temperature
    ("The temperature hit 45.3C in Seville.", 45.3, None, "°C", Q, None, None),
    ("Highs will reach 104F in a sweltering week.", 104, None, "°F", Q, None, None),
    # --- "a quarter point" is a figure, "the quarter" a period
    ("The Fed raised rates by a quarter point.", 0.25, None, "point", Q, None, "up"),
    ("The bank cut by a quarter percentage point.", 0.25, None, "percentage point", P, None, "down"),
    # --- a count before a brand and a plural noun is not part of a name
    ("The fleet includes 14 Boeing 787 jets.", 14, None, "jet", Q, None, None),
    ("The firm sold 300 Tesla cars last year.", 300, None, "car", Q, None, None),
    # --- multiples
    ("Revenue grew sixfold.", 6, None, "x", Q, None, None),
    ("Sales of the phone jumped five-fold in two years.", 5, None, "x", Q, None, None),
    ("Profits rose 3-fold last year.", 3, None, "x", Q, None, None),
    ("The drug cut the risk of death by 20 percent.", 20, None, "%", P, None, "down"),
    ("The stock trades at 3x sales.", 3, None, "x", Q, None, None),
    ("Profits doubled last year.", 2, None, "x", Q, None, None),
    # --- "improving N%" is the size of a rise
    ("Bookings totaled $3 billion, improving 14% on the prior year.", 14, None, "%", P, None, "up"),
    ("Margins kept improving by a healthy 2 percent.", 2, None, "%", P, None, "up"),
    # --- "N% higher/lower" with its baseline named is a change; without one it may be a level
    ("Wearables sales were 9% lower year-over-year.", 9, None, "%", P, None, "down"),
    ("Cloud bookings came in 12% higher than a year earlier.", 12, None, "%", P, None, "up"),
    ("Freight volumes were 4% higher compared with the same period last year.", 4, None, "%", P, None, "up"),
    ("The shares closed 3% higher at $12.", 3, None, "%", P, None, None),
    # --- a bare list of percentages after a change shares it
    ("The three miners ended the week off 7%, 5.5% and 2.1%.", 5.5, None, "%", P, None, "down"),
    ("The three miners ended the week off 7%, 5.5% and 2.1%.", 2.1, None, "%", P, None, "down"),
    ("Chip stocks rose 3%, 2.4%, and 1.8% on the day.", 2.4, None, "%", P, None, "up"),
    # --- a word ending in "us"/"c" before "$" is not a "US $"/"C $" prefix: the "$" still makes it money
    ("EPS came in at $1.10 versus $0.95 a year ago.", 0.95, None, "USD", M, None, None),
    ("The card costs $10 plus $2 shipping.", 2, None, "USD", M, None, None),
    # --- softening adverbs between the move and its size
    ("Margins are seen rising just a little over 2%.", 2, None, "%", P, ">", "up"),
    ("The stock is down slightly under 1% this year.", 1, None, "%", P, "<", "down"),
    # --- "a third of", "a fifth stake" stay fractions
    ("A third of revenue comes from services.", 1 / 3, None, None, Q, None, None),
    # --- "ticked up to N%": "up" is the verb's particle, N the new level, not a ceiling
    ("The unemployment rate ticked up to 4.1% in May.", 4.1, None, "%", P, None, None),
    ("Mortgage rates edged up to 6.9% this week.", 6.9, None, "%", P, None, None),
    ("Prices could rise up to 8% next year.", 8, None, "%", P, "<=", "up"),
    # --- a measure between a number and the plural noun it counts; the counted phrase may run past 6 tokens
    ("The brewery will fill six million 330ml cans this year.", 6e6, None, "can", Q, None, None),
    ("The brewery will fill six million 330ml cans this year.", 330, None, "millilitre", Q, None, None),
    ("The port unloaded three 20-foot containers.", 3, None, "container", Q, None, None),
    ("The utility plans two 600-megawatt turbines.", 2, None, "turbine", Q, None, None),
    ("The country still runs 15 fairly large gas-fired power stations.", 15, None, "power station", Q, None, None),
    # --- "lost/shed/gained/added" + a physical measure is the size of the move; money stays a level
    ("The ice sheet lost 150 gigatonnes last summer.", 150, None, "gigatonne", Q, None, "down"),
    ("The boxer shed 6 kg before the fight.", 6, None, "kg", Q, None, "down"),
    ("The calf gained 40 kg in a month.", 40, None, "kg", Q, None, "up"),
    ("Stir in 2 litres of stock and add 1 kg of rice.", 1, None, "kg", Q, None, None),
    ("The firm lost $7 million in the quarter.", 7e6, None, "USD", M, None, None),
    ("The crew cut 30 metres of rope.", 30, None, "m", Q, None, None),
    # --- whole units and cents are one amount
    ("A coffee costs $4 and 75 cents here.", 4.75, None, "USD", M, None, None),
    ("The ticket was 12 euros 40 cents.", 12.4, None, "EUR", M, None, None),
    ("The stamp is now £1 and 10 pence.", 1.1, None, "GBP", M, None, None),
    ("The tip was $2.50 and 75 cents went to tax.", 0.75, None, "USD", M, None, None),
    # --- a code between two numbers: the second is the cents, even before a word; a code glued to a number is its prefix
    ("The voucher is worth 20 USD 75 more after the update.", 20.75, None, "USD", M, None, None),
    ("The shop gave away 5 EUR20 coupons.", 20, None, "EUR", M, None, None),
    # --- "N more/fewer NOUNs" counts the noun; "N more than" stays bare
    ("The club needs three more points to stay up.", 3, None, "point", Q, None, None),
    ("The plant hired 250 fewer workers this year.", 250, None, "worker", Q, None, None),
    ("The tally was 7 more than planned.", 7, None, None, Q, None, None),
    ("The coach has won 4 previous titles with the club.", 4, None, "title", Q, None, None),
    ("Exports were 40 last year.", 40, None, None, Q, None, None),
    # --- half of a unit
    ("The central bank cut by a half point.", 0.5, None, "point", Q, None, "down"),
    ("The ferry crossing takes half an hour.", 0.5, None, "h", Q, None, None),
    ("The lake is half a mile from the road.", 0.5, None, "mi", Q, None, None),
    ("Yields rose half a percentage point.", 0.5, None, "percentage point", P, None, "up"),
    ("The shop is a half-mile away.", 0.5, None, "mi", Q, None, None),
    # --- real figures next to the score, table, citation, name and pronoun rules
    ("Margins were between ~4x and ~9x the sector average.", 4, 9, "x", Q, "~", None),
    ("Output was between 2x and 5x higher.", 2, 5, "x", Q, None, None),
    ("The firm hopes to win 3-5 contracts next year.", 3, 5, "contract", Q, None, None),
    ("Charging takes 20-30 minutes at a fast charger.", 20, 30, "min", Q, None, None),
    ("Shares of the carmaker rose 2-3% on Friday.", 2, 3, "%", P, None, "up"),
    ("The dealer sold one car on Monday.", 1, None, "car", Q, None, None),
    ("Two inspectors visited the plant.", 2, None, "inspector", Q, None, None),
    ("Patients ate one small meal per day for a month.", 1, None, "meal", Q, None, None),
    ("The console renders the game at 45fps.", 45, None, "fps", Q, None, None),
    ("The pilot plant is rated at 7-9 MW.", 7, 9, "MW", Q, None, None),
    ("Bonuses will rise 10-8 percent under the two plans.", 10, 8, "%", P, None, "up"),
    # --- real figures next to the model-number, temperature, list-number, word-range and tally rules
    ("The iPhone 5s sold 9 million units in 3 days.", 3, None, "day", Q, None, None),
    ("The car hits 60 mph in 3s.", 3, None, "s", Q, None, None),
    ("The Anker 65W charger costs $40.", 65, None, "W", Q, None, None),
    ("Nvidia trades at 40x earnings.", 40, None, "x", Q, None, None),
    ("The stock trades at 123x earnings.", 123, None, "x", Q, None, None),
    ("Water was heated to 80C before use.", 80, None, "°C", Q, None, None),
    ("Water was heated to 80 C before use.", 80, None, "°C", Q, None, None),
    ("Water was heated to 80°C before use.", 80, None, "°C", Q, None, None),
    ("The fans spin up at about 75C — earlier than the 80C that older models needed.", 80, None, "°C", Q, None, None),
    ("Leaders aim to limit warming to 1.5C.", 1.5, None, "°C", Q, None, None),
    ("Rules:\n1. Be kind.\n2. Save 5% each month.", 5, None, "%", P, None, None),
    ("Revenue rose by\n2. The CEO said so.", 2, None, None, Q, None, "up"),
    ("The trip takes two-three days.", 2, 3, "day", Q, None, None),
    ("They hired ten-twelve engineers.", 10, 12, "engineer", Q, None, None),
    ("There are twenty-five members.", 25, None, "member", Q, None, None),
    ("Doctors made 400 diagnoses last year.", 400, None, "diagnosis", Q, None, None),
    ("The lab ran 30 analyses and tested 12 hypotheses.", 12, None, "hypothesis", Q, None, None),
    ("The clinic gave 300 doses to 40 houses.", 300, None, "dose", Q, None, None),
    ("The army closed 12 bases.", 12, None, "base", Q, None, None),
    ("The index fell from 9 to 3.", 9, 3, None, Q, None, None),
    ("The project takes 3 — 5 years.", 3, 5, "year", Q, None, None),
    ("Prices rose 3 — 5% this year.", 3, 5, "%", P, None, "up"),
]


@pytest.mark.parametrize("text,value,value_max,unit,kind,approx,change", CASES,
                         ids=[f"{i:03d}-{c[0][:40]}" for i, c in enumerate(CASES)])
def test_figure(pipeline, text, value, value_max, unit, kind, approx, change):
    qs = figures(pipeline, text)
    hits = [q for q in qs if close(q.value, value)]
    assert hits, f"no figure {value} in {[(q.text, q.value) for q in qs]}"
    q = hits[0]
    got = (q.value_max, q.unit, q.kind, q.approx, q.change)
    if value_max is None:
        assert q.value_max is None, got
    else:
        assert close(q.value_max, value_max), got
    assert (q.unit, q.kind, q.approx, q.change) == (unit, kind, approx, change), (q.text, got, q.rules)


NOT_CLAIMS = [
    # "a fifth straight quarter" is an ordinal; "a four-quarter streak" a compound adjective, not 4 x 1/4
    ("Revenue fell for a fifth straight quarter.", 0.2),
    ("Shares climbed for a third consecutive session.", 1 / 3),
    ("The results ended a four-quarter losing streak.", 1),
    # a pointer to another article is not part of this one's claims
    ("The fund holds 41 stocks (read: 3 Top ETFs of 2022 to Watch).", 3),
    ("Volume is 50,000 shares a day (see: Four Dividend ETFs for Income).", 4),
    # "won't" is a verb, not the Korean currency after a year
    ("Bulls hope that 2025 won't be another flat year.", 2025),
    ("Bulls hope that 2025 won’t be another flat year.", 2025),
    ("Xiaomi faces pressure after SU7 crashes.", 7),
    ("Lei announced the Xring O1 processor.", 1),
    ("It is designed for the Tablet 7 Ultra.", 7),
    ("The Boeing 737 returned to service.", 737),
    ("The COVID-19 pandemic hit sales.", 19),
    ("Tickets in Section 427 sold out.", 427),
    ("The iPhone 15 launched in September.", 15),
    ("The update ships with Windows 11 next month.", 11),
    ("Published: 2026-01-04 01:38:43", 2026),
    ("Published: 2026-01-04 01:38:43", 1),
    ("Published: 2026-01-04 01:38:43", 38),
    ("The dividend is payable on February 15, 2024.", 15),
    ("The dividend is payable on February 15, 2024.", 2024),
    ("The meeting is on May 5.", 5),
    ("The call starts at 5 p.m. Eastern.", 5),
    ("Trading opens at 9:30 a.m.", 9),
    ("The deal closed on 1 September 2019.", 1),
    ("Call us at (555) 123-4567 today.", 555),
    ("Call us at (555) 123-4567 today.", 4567),
    ("Read more at https://example.com/news/2024/123.", 123),
    ("Contact press@example.com for details.", 0),
    ("Samsung Electronics 005930.KS gained.", 5930),
    ("MediaTek 2454.TW is a rival.", 2454),
    ("It finished in 22nd place.", 22),
    ("It was the first launch.", 1),
    ("Sales rose sharply in 2025.", 2025),
    ("The firm smashed its 2025 targets.", 2025),
    ("Growth trails the surge from 2020 through 2025.", 2020),
    ("The S&P 500 rose 1%.", 500),
    ("The FTSE 100 slipped.", 100),
    ("The display has more pixels than a 4K TV.", 4),
    ("The display has more pixels than a 4K TV.", 4000),
    ("The phone supports 5G networks.", 5),
    ("The store is at 575 Wilbraham Road.", 575),
    ("Jan 31 (Reuters) - Qualcomm forecast sales.", 31),
    ("He was born in the 1990s.", 1990),
    ("The Galaxy S24 launched.", 24),
    ("The 2014-15 season was long.", 2014),
    ("Women aged 25 to 54 found jobs.", 54),
    ("Women aged 25 to 54 found jobs.", 25),
    ("One thing is clear: demand is strong.", 1),
    ("It is one of the best phones.", 1),
    ("That one was nice.", 1),
    ("The meeting starts at 9 GMT.", 9),
    ("The firm's Section 3C filing was cold comfort.", 3),
    ("Sales fell in the quarter.", 0.25),
    ("The 49ers beat the Packers in the playoffs.", 49),
    ("He lives at 221B Baker Street.", 221),
    ("He lives at 221B Baker Street.", 221e9),
    ("Flights resume at 14 UTC on Monday.", 14),
    ("The meeting starts at 0401 GMT.", 401),
    ("The Model 3 is popular.", 3),
    ("He has Apple Watch 5 on his wrist.", 5),
    ("The second half of the year was weak.", 0.5),
    ("Sales rose in the third quarter.", 1 / 3),
    ("Sales rose in the third quarter.", 3),
    ("The company plans a five-year strategy.", 5),
    ("The car comes with a six-speed gearbox.", 6),
    ("The board approved a 1-for-10 reverse split.", 1),
    ("The board approved a 1-for-10 reverse split.", 10),
    ("Support is available 24/7.", 24 / 7),
    ("Call 612 9171 7144 for details.", 9171),
    ("Shares hit a 52-week high on Friday.", 52),
    ("The 10-year Treasury yield rose.", 10),
    ("It trades under 0#ECBWATCH codes.", 0),
    ("The club reached the last-32 stage.", 32),
    ("The firm smashed its 2025 targets.", 2025),
    ("Apple's Xiaomi 14 Ultra rival sold well.", 14),
    ("It is a Fortune 500 company.", 500),
    ("Zacks Rank #1 (Strong Buy) stocks outperformed.", 1),
    ("There are 5,000 or so Trillion members.", 1e12),
    ("Decliners outnumbered advancers for a 4.42-to-1 ratio.", 4.42),
    ("It met at the March 19-20 FOMC meeting.", 20),
    ("The \"Magnificent 7\" stocks rallied.", 7),
    ("The index hit a 3-3/4 year low.", 3.75),
    ("Deposits: 10 turkish lira 1111-22223333-4444", 1111),
    ("Deposits: 10 turkish lira 1111-22223333-4444", 4444),
    ("In the end the winger Lang 20 decided the match.", 20),
    # "half" before a noun that is not a unit; "the last half hour" is a period
    ("He ran a half marathon in May.", 0.5),
    ("She met her half brother.", 0.5),
    ("Nothing moved in the last half hour.", 0.5),
    # sports results and records are two figures, not a range
    ("The Falcons edged the Rams 31-28 on Sunday.", 31),
    ("The Falcons edged the Rams 31-28 on Sunday.", 28),
    ("Ortiz beat Lindqvist 6-3, 4-6, 7-6 (4) in the final.", 6),
    ("Ortiz beat Lindqvist 6-3, 4-6, 7-6 (4) in the final.", 4),
    ("The Hawks (7-2, 4-1) host the Owls (3-6, 1-4) next week.", 7),
    ("The Hawks (7-2, 4-1) host the Owls (3-6, 1-4) next week.", 3),
    ("The club improved to 11-3-2 in its last sixteen games.", 11),
    ("The club improved to 11-3-2 in its last sixteen games.", 2),
    ("They drew 2-2 with the visitors.", 2),
    ("A 5-1 thrashing of the leaders followed.", 5),
    ("Marlow (2-0): Jaden Pike 12 points.", 2),
    # a table row of bare numbers is not prose
    ("4 Tom Reyes 3110 2 5 14 22", 3110),
    ("4 Tom Reyes 3110 2 5 14 22", 22),
    # a numbered reference at the end of a sentence
    ("Sleep loss raises appetite in adults (17).", 17),
    ("Sleep loss raises appetite in adults (17, 18).", 18),
    # a capitalised number word inside a name
    ("Buyers can pick the Xbox One S bundle.", 1),
    ("The sedan offers Zero Drift Mirrors as standard.", 0),
    ("The plan funds the One Harbor District projects.", 1),
    ("Analysts at Pick-Two Games expect a delay.", 2),
    # the pronoun 'one', a rank, a version
    ("She moved to a bigger one several months ago.", 1),
    ("It is the number one seller of vans.", 1),
    ("What's new in 4.12 for drivers?", 4.12),
    # a model letter glued to a number after a product name; a non-round three-digit "Nx" that multiplies nothing
    ("He still uses an iPhone 5s at work.", 5),
    ("Honor 8X phones sold well.", 8),
    ("The Boeing 777X will fly next year.", 777),
    ("The airline cut its commitment of 777x jets to 126.", 777),
    # a C after a name is a label, not degrees; list numbering at the start of a line
    ("Take a seat in row 14C.", 14),
    ("Tips for travellers:\n2. Don't forget your passport.", 2),
    ("2. Don't forget your passport.", 2),
    ("Rules:\n1. Be kind.", 1),
    # "two-three days" is a range, not 2 + 3
    ("The trip takes two-three days.", 5),
    ("He landed a one-two punch.", 1),
    # vote and court tallies, and results with a spaced or em dash, are two figures, not a range
    ("The court ruled 7 — 2 in favour.", 7),
    ("The court ruled 7—2 in favour.", 7),
    ("The council voted 9 to 3 to approve the plan.", 9),
    ("By a vote of 7 to 2, the board approved it.", 7),
    ("It was a 6 to 3 ruling.", 6),
    ("The senators voted 7-2 to approve.", 7),
    ("The team won 3 — 1 at home.", 3),
    ("Chelsea beat Arsenal 2 — 0 on Sunday.", 2),
    # a glued pair that is no fraction: a cricket score, a ratio in a name, a date glued to a counter
    ("India were 182/9 at the close.", 182),
    ("India were 182/9 at the close.", 9),
    ("The fund tracks the RIC 22.5/45 Capped Index.", 45),
    ("Posted October 12, 2018/0 Comments", 0),
    ("The shop is open 24/7 for members.", 7),
]


@pytest.mark.parametrize("text,value", NOT_CLAIMS, ids=[f"not{i:03d}-{c[0][:40]}" for i, c in enumerate(NOT_CLAIMS)])
def test_not_a_claim(pipeline, text, value):
    qs = figures(pipeline, text)
    assert not [q for q in qs if close(q.value, value)], [(q.text, q.value, q.rules) for q in qs]


def test_offsets_are_doc_local(pipeline):
    doc = pipeline("First sentence here. Then revenue rose 5% to $2.5bn. Finally 3 launches.")
    qs = [q for s in doc.sents for q in find_quantities(s)]
    assert [doc.text[q.start:q.end] for q in qs] == [q.text for q in qs]
    assert {q.text for q in qs} >= {"5%", "$2.5bn", "3 launches"}


def test_glued_sentences_and_curly_quotes(pipeline):
    qs = figures(pipeline, "Sales hit 1.5 million in 2025.Europe posted 4.9 million sales, “up 14%” from 2024.")
    assert {q.value for q in qs} >= {1.5e6, 4.9e6, 14}
    assert 2025 not in {q.value for q in qs}


def test_rules_are_named(pipeline):
    q = next(q for q in figures(pipeline, "Revenue rose about 5% last year.") if q.value == 5)
    assert "percent" in q.rules and "approx" in q.rules and "change_verb" in q.rules


ONE_OF = [
    ("It is one of the best phones.", "phone"),
    ("The plant is one of its largest factories.", "factory"),
    ("He owns one of the graphics processing units.", "processing unit"),
    ("One of the company's biggest customers left.", "customer"),
    ("She is one of them.", None),
    ("It is one of the best.", None),
    ("It was one of four proposals on the table.", None),
]


@pytest.mark.parametrize("text,unit", ONE_OF, ids=[c[0][:40] for c in ONE_OF])
def test_one_of_as_count(pipeline, text, unit):
    """With one_of_as_count (NewsQuant's convention) "one of the X" is 1 X; off by default."""
    ones = [q for q in figures(pipeline, text, one_of_as_count=True) if q.value == 1]
    assert [q.unit for q in ones] == ([unit] if unit else []), [(q.text, q.rules) for q in ones]
    assert [q for q in figures(pipeline, text) if q.value == 1 and "one_of" in q.rules] == []


# -- the shortcuts of the recognizer read the same as the long way -------------------------------------

GATE_TEXTS = [
    "Sales doubled to 3,000 units, a threefold rise; costs grew five-fold and 10-fold, then 2.5 fold.",
    "Dozens of workers and tens of thousands of fans came; hundreds of millions of dollars were spent.",
    "One hundred and five people, two-thirds of them women, and a half dozen cars.",
    "TRIPLED output, QUADRUPLING prices, Ten Fold growth and SCORES OF delays.",
    "Nothing here but words.",
    "Straße sales doubled, dozens of fans",  # a character that folds unsafely: no word set, everything runs
]


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_word_gates_are_necessary(text):
    """A sentence without a word of a gate yields nothing the gated recognizer would have found."""
    from evfacts import rx
    from evfacts.claims import quantities as Qm
    from evfacts.claims.numbers import word_runs

    words = rx.words(text, text.casefold())
    for found, gate in ((list(word_runs(text)), Qm._RUN_GATE), (Qm._multiple_atoms(text, []), Qm._MULTIPLE_GATE),
                        (Qm._vague_atoms(text, []), Qm._VAGUE_GATE)):
        if found and words is not None:
            assert not gate.isdisjoint(words), (text, gate)


def test_article_views_match_spacy(pipeline):
    """Within an article, the views' texts and entities are spaCy's doc.text / doc.ents / sent.ents
    (read once); on leaving, the doc no longer carries a view and every read goes to spaCy."""
    from evfacts.claims import view as V

    doc = pipeline("Apple and Microsoft met in Paris on Monday. Tesla sold 5 cars in Berlin, Germany, said Elon Musk.")
    with V.article_views([doc]):
        assert [(e.start, e.end, e.label_) for e in V.doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
        assert V.doc_ents(doc) is V.doc_ents(doc)
        for sent in doc.sents:
            assert [(e.start, e.end, e.label_) for e in V.sent_ents(sent)] == [(e.start, e.end, e.label_) for e in sent.ents]
            assert V.sent_text(sent) == sent.text
            assert V.sentence_view(sent) is V.sentence_view(sent)
        assert V.doc_text(doc) == doc.text
    assert V.KEY not in doc.user_data  # the article's views are let go
    assert [(e.start, e.end) for e in V.doc_ents(doc)] == [(e.start, e.end) for e in doc.ents]
