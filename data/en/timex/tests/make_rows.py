#!/usr/bin/env python3
# Writes the timex corpus rows (tests/*.tsv) from hand-written templates.
# Expected values are computed here with Python datetime (ISO weeks, Easter,
# n-th weekdays, month arithmetic) following TimeML 1.2.1 and TimeBank
# practice, independently of the C++ resolver; run it after editing a
# template:  python3 data/en/timex/tests/make_rows.py
# Generates the timex test corpus rows from hand-written templates; the
# expected values are computed with Python's datetime (independently of the
# C++ resolver), following TimeML 1.2.1 / TimeBank conventions.
import datetime as dt, random
random.seed(7)
D='2020-10-02'  # Friday, ISO week 40, Q4
dct=dt.date(2020,10,2)
months=["January","February","March","April","May","June","July","August","September","October","November","December"]
abbr=["Jan.","Feb.","Mar.","Apr.","May","June","July","Aug.","Sept.","Oct.","Nov.","Dec."]
wd=["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday","Sunday"]
nums={1:"one",2:"two",3:"three",4:"four",5:"five",6:"six",7:"seven",8:"eight",9:"nine",10:"ten",11:"eleven",12:"twelve",15:"fifteen",20:"twenty",23:"twenty-three",24:"twenty-four",30:"thirty",45:"forty-five",90:"ninety"}
rows={}
def add(f,text,span,typ,val,mod='',d=D,others=0):
    rows.setdefault(f,[]).append('\t'.join([text,d,span,typ,val,mod]+([f'+{others}'] if others else [])))
def neg(text,d=D): rows.setdefault('negative',[]).append('\t'.join([text,d]))
# ---- dates
for i,m in enumerate(months,1):
    for day in (1,9,17,23,30):
        if day>28 and m=="February": continue
        y=random.choice([1989,1998,2005,2021,2022])
        add('dates',f"The deal closed on {m} {day}, {y}, after talks.",f"{m} {day}, {y}",'DATE',f"{y:04d}-{i:02d}-{day:02d}")
        add('dates',f"Results were due {day} {m} {y} in London.",f"{day} {m} {y}",'DATE',f"{y:04d}-{i:02d}-{day:02d}")
    y=random.choice([1987,1996,2003,2019,2024])
    add('dates',f"Production began in {m} {y} at the plant.",f"{m} {y}",'DATE',f"{y:04d}-{i:02d}")
    a=abbr[i-1]
    add('dates',f"The vote is set for {a} 7, 2021.",f"{a} 7, 2021",'DATE',f"2021-{i:02d}-07")
    add('dates',f"Sales data: 2021-{i:02d}-15 was the peak.",f"2021-{i:02d}-15",'DATE',f"2021-{i:02d}-15")
    add('dates',f"Filed on {i}/21/2019 with the court.",f"{i}/21/2019",'DATE',f"2019-{i:02d}-21")
    for mod,code in (("early","START"),("mid-","MID"),("late","END")):
        sep='' if mod.endswith('-') else ' '
        add('dates',f"Work resumes in {mod}{sep}{m} 2022, officials said.",f"{mod}{sep}{m} 2022",'DATE',f"2022-{i:02d}",code)
for y in (1850,1901,1968,1989,1999,2000,2010,2018,2031):
    add('dates',f"The law was passed in {y} by a narrow vote.",f"{y}",'DATE',f"{y}")
    add('dates',f"The bridge opened in early {y}.",f"early {y}",'DATE',f"{y}",'START')
    add('dates',f"It should be done by mid-{y}.",f"mid-{y}",'DATE',f"{y}",'MID')
    add('dates',f"The merger closed in late {y}.",f"late {y}",'DATE',f"{y}",'END')
for dec in (1920,1950,1960,1970,1980,1990,2000):
    add('dates',f"Prices soared in the {dec}s and then fell.",f"the {dec}s",'DATE',f"{dec//10}")
    add('dates',f"Growth slowed in the early {dec}s.",f"the early {dec}s",'DATE',f"{dec//10}",'START')
    add('dates',f"The band peaked in the late {dec}s.",f"the late {dec}s",'DATE',f"{dec//10}",'END')
for w,dd in (("sixties",196),("seventies",197),("eighties",198),("nineties",199)):
    add('dates',f"Music from the {w} is back.",f"the {w}",'DATE',f"{dd}")
for c,(o,v) in enumerate((("19th","18"),("20th","19"),("21st","20"),("18th","17"),("twenty-first","20"),("fifth","04"))):
    add('dates',f"It changed the {o} century forever.",f"the {o} century",'DATE',v)
for q,qw in ((1,"first"),(2,"second"),(3,"third"),(4,"fourth")):
    for y in (1988,1999,2021):
        add('dates',f"Earnings in Q{q} {y} rose sharply.",f"Q{q} {y}",'DATE',f"{y}-Q{q}")
        add('dates',f"Profit in the {qw} quarter of {y} fell 5%.",f"the {qw} quarter of {y}",'DATE',f"{y}-Q{q}")
        add('dates',f"Its {y} {qw} quarter was weak.",f"{y} {qw} quarter",'DATE',f"{y}-Q{q}")
    # quarter without year, DCT 2020-10-02 (Q4): not after the current quarter
    add('dates',f"Net income in the {qw} quarter rose 12%.",f"the {qw} quarter",'DATE',f"2020-Q{q}")
    add('dates',f"The company posted {qw}-quarter profit of $4 million.",f"{qw}-quarter",'DATE',f"2020-Q{q}")
for y in (1989,1998,2021):
    add('dates',f"Revenue for fiscal {y} was flat.",f"fiscal {y}",'DATE',f"{y}")
    add('dates',f"Spending in the first half of {y} rose.",f"the first half of {y}",'DATE',f"{y}-H1")
    add('dates',f"Spending in the second half of {y} fell.",f"the second half of {y}",'DATE',f"{y}-H2")
for s,code in (("spring","SP"),("summer","SU"),("fall","FA"),("autumn","FA"),("winter","WI")):
    for y in (1994,2021):
        add('dates',f"The film opens in {s} {y}.",f"{s} {y}",'DATE',f"{y}-{code}")
        add('dates',f"The film opened in the {s} of {y}.",f"the {s} of {y}",'DATE',f"{y}-{code}")
    add('dates',f"The team returns in early {s} 2022.",f"early {s} 2022",'DATE',f"2022-{code}",'START')
def easter(y):
    a=y%19;b=y//100;c=y%100;d=b//4;e=b%4;f=(b+8)//25;g=(b-f+1)//3;h=(19*a+b-d-g+15)%30;i=c//4;k=c%4;l=(32+2*e+2*i-h-k)%7;m=(a+11*h+22*l)//451
    return dt.date(y,(h+l-7*m+114)//31,(h+l-7*m+114)%31+1)
def nth(y,mo,w,n):
    if n>0:
        d=dt.date(y,mo,1); d+=dt.timedelta((w-1-d.weekday())%7); return d+dt.timedelta(7*(n-1))
    d=dt.date(y,mo+1,1)-dt.timedelta(1) if mo<12 else dt.date(y,12,31); return d-dt.timedelta((d.weekday()-(w-1))%7)
for y in (1990,1998,2008,2019,2021,2024):
    add('dates',f"Stores were busy at Christmas {y}.",f"Christmas {y}",'DATE',f"{y}-12-25")
    add('dates',f"The family met at Easter {y}.",f"Easter {y}",'DATE',easter(y).isoformat())
    add('dates',f"Flights sold out for Thanksgiving {y}.",f"Thanksgiving {y}",'DATE',nth(y,11,4,4).isoformat())
    add('dates',f"Parades on Labor Day {y} were canceled.",f"Labor Day {y}",'DATE',nth(y,9,1,1).isoformat())
    add('dates',f"Beaches filled on Memorial Day {y}.",f"Memorial Day {y}",'DATE',nth(y,5,1,-1).isoformat())
    add('dates',f"Churches were full on Good Friday {y}.",f"Good Friday {y}",'DATE',(easter(y)-dt.timedelta(2)).isoformat())
add('dates',"The store will open at Thanksgiving.","Thanksgiving",'DATE',nth(2020,11,4,4).isoformat())
add('dates',"They will celebrate Christmas with family.","Christmas",'DATE',"2020-12-25")
add('dates',"The treaty was signed on New Year's Day 1999.","New Year's Day 1999",'DATE',"1999-01-01")
add('dates',"It was the year two thousand and everyone cheered.","the year two thousand",'DATE',"2000")
add('dates',"He was born in nineteen ninety-six in Ohio.","nineteen ninety-six",'DATE',"1996")
add('dates',"Sales fell in January nineteen ninety-seven.","January nineteen ninety-seven",'DATE',"1997-01")
add('dates',"The record dates from '98 and still stands.","'98",'DATE',"1998")
add('dates',"The system went live in Q3.","Q3",'DATE',"2020-Q3")
add('dates',"Revenue for FY2019 rose.","FY2019",'DATE',"2019")
add('dates',"The plan covers 1990 and beyond.","1990 and beyond",'DATE',"1990",'ON_OR_AFTER')
add('dates',"Results for the 1988 period were restated.","the 1988 period",'DATE',"1988")
add('dates',"The hearing ended at the end of 1994.","the end of 1994",'DATE',"1994",'END')
add('dates',"Voting is set for Sunday, March eighth.","Sunday, March eighth",'DATE',"2021-03-08",d='2021-03-01')
add('dates',"The plan covers October 1984 and later.","October 1984 and later",'DATE',"1984-10",'ON_OR_AFTER')
add('dates',"The deal closed at the beginning of October 1997.","the beginning of October 1997",'DATE',"1997-10",'START')
# months without year (DCT 2020-10-02), tense decides
for i,m in enumerate(months,1):
    if m=="May": continue
    past_y = 2020 if i<=10 else 2019
    add('relative',f"Back in {m}, the mayor said the plan was dead.",m,'DATE',f"{past_y}-{i:02d}")
    fut_y = 2020 if i>=10 else 2021
    add('relative',f"The company will launch the product in {m}.",m,'DATE',f"{fut_y}-{i:02d}")
    last_y = 2020 if i<10 else 2019
    add('relative',f"Sales rose last {m} after the launch.",f"last {m}",'DATE',f"{last_y}-{i:02d}")
    next_y = 2020 if i>10 else 2021
    add('relative',f"Sales should rise next {m}.",f"next {m}",'DATE',f"{next_y}-{i:02d}")
    add('relative',f"The film comes out this {m}.",f"this {m}",'DATE',f"2020-{i:02d}")
add('relative',"The mayor resigned in May after the scandal.","May",'DATE',"2020-05")
# weekdays (DCT Friday 2020-10-02)
for k,w in enumerate(wd):
    back=(4-k)%7
    add('relative',f"The minister said {w} that talks had failed.",w,'DATE',(dct-dt.timedelta(back)).isoformat())
    fwd=(k-4)%7
    add('relative',f"The minister will speak {w} in Paris.",w,'DATE',(dct+dt.timedelta(fwd)).isoformat())
    lb=(4-k)%7 or 7
    add('relative',f"Markets fell last {w} in Tokyo.",f"last {w}",'DATE',(dct-dt.timedelta(lb)).isoformat())
    nf=(k-4)%7 or 7
    add('relative',f"Markets reopen next {w}.",f"next {w}",'DATE',(dct+dt.timedelta(nf)).isoformat())
    add('times',f"Fans gathered {w} night outside the arena.",f"{w} night",'TIME',(dct-dt.timedelta(back)).isoformat()+"TNI")
    add('times',f"The talks ended {w} morning in Geneva.",f"{w} morning",'TIME',(dct-dt.timedelta(back)).isoformat()+"TMO")
def isow(d): y,w,_=d.isocalendar(); return f"{y}-W{w:02d}"
for d0 in ('2020-10-02','1998-02-06','1989-10-30','2021-01-03'):
    dd=dt.date.fromisoformat(d0)
    add('relative',"Sales fell today, the report said.","today",'DATE',dd.isoformat(),d=d0)
    add('relative',"Sales fell yesterday, the report said.","yesterday",'DATE',(dd-dt.timedelta(1)).isoformat(),d=d0)
    add('relative',"Sales will rise tomorrow, the report said.","tomorrow",'DATE',(dd+dt.timedelta(1)).isoformat(),d=d0)
    add('relative',"Shares fell last week on the news.","last week",'DATE',isow(dd-dt.timedelta(7)),d=d0)
    add('relative',"Shares rose this week on the news.","this week",'DATE',isow(dd),d=d0)
    add('relative',"Shares will rise next week, analysts say.","next week",'DATE',isow(dd+dt.timedelta(7)),d=d0)
    pm=(dd.replace(day=1)-dt.timedelta(1))
    add('relative',"Prices fell last month in the region.","last month",'DATE',f"{pm.year}-{pm.month:02d}",d=d0)
    add('relative',"Prices fell this month in the region.","this month",'DATE',f"{dd.year}-{dd.month:02d}",d=d0)
    nm=(dd.replace(day=28)+dt.timedelta(5))
    add('relative',"Prices may fall next month in the region.","next month",'DATE',f"{nm.year}-{nm.month:02d}",d=d0)
    add('relative',"Output grew last year by 3%.","last year",'DATE',f"{dd.year-1}",d=d0)
    add('relative',"Output grew this year by 3%.","this year",'DATE',f"{dd.year}",d=d0)
    add('relative',"Output will grow next year by 3%.","next year",'DATE',f"{dd.year+1}",d=d0)
    add('relative',"Output grew earlier this year.","earlier this year",'DATE',f"{dd.year}",'START',d=d0)
    add('relative',"Output will grow early next year.","early next year",'DATE',f"{dd.year+1}",'START',d=d0)
    q=(dd.month-1)//3+1; pq=q-1 or 4; py=dd.year if q>1 else dd.year-1
    add('relative',"Profit fell last quarter, the bank said.","last quarter",'DATE',f"{py}-Q{pq}",d=d0)
    add('relative',"Profit rose in the current quarter.","the current quarter",'DATE',f"{dd.year}-Q{q}",d=d0)
    add('relative',"He arrived tonight in Rome.","tonight",'TIME',dd.isoformat()+"TNI",d=d0)
    add('relative',"He spoke this morning in Rome.","this morning",'TIME',dd.isoformat()+"TMO",d=d0)
    add('relative',"He spoke this afternoon in Rome.","this afternoon",'TIME',dd.isoformat()+"TAF",d=d0)
    add('relative',"He spoke this evening in Rome.","this evening",'TIME',dd.isoformat()+"TEV",d=d0)
    add('relative',"He arrived last night in Rome.","last night",'TIME',(dd-dt.timedelta(1)).isoformat()+"TNI",d=d0)
    add('relative',"He left yesterday morning for Rome.","yesterday morning",'TIME',(dd-dt.timedelta(1)).isoformat()+"TMO",d=d0)
    add('relative',"He leaves tomorrow afternoon for Rome.","tomorrow afternoon",'TIME',(dd+dt.timedelta(1)).isoformat()+"TAF",d=d0)
    for n in (2,3,5,10):
        add('relative',f"The plant closed {nums[n]} days ago.",f"{nums[n]} days ago",'DATE',(dd-dt.timedelta(n)).isoformat(),d=d0)
        add('relative',f"The plant closed {n} weeks ago.",f"{n} weeks ago",'DATE',isow(dd-dt.timedelta(7*n)),d=d0)
        m=dd.month-1-n; y=dd.year+m//12; m=m%12+1
        add('relative',f"The plant closed {nums[n]} months ago.",f"{nums[n]} months ago",'DATE',f"{y}-{m:02d}",d=d0)
        add('relative',f"The plant closed {nums[n]} years ago.",f"{nums[n]} years ago",'DATE',f"{dd.year-n}",d=d0)
    add('relative',"The plant closed a year ago.","a year ago",'DATE',f"{dd.year-1}",d=d0)
    add('relative',"The plant will reopen in three days.","three days",'DURATION',"P3D",d=d0)
add('relative',"The plant closed several years ago.","several years ago",'DATE',"PAST_REF")
add('relative',"Police said the weekend was calm.","the weekend",'DATE',"2020-W39-WE")
add('relative',"The party will be held this weekend.","this weekend",'DATE',"2020-W40-WE")
add('relative',"Crowds gathered last weekend.","last weekend",'DATE',"2020-W39-WE")
add('relative',"The rally is planned for next weekend.","next weekend",'DATE',"2020-W41-WE")
add('relative',"Profits will rise in the first half.","the first half",'DATE',"2021-H1")
add('relative',"Sales were up last summer.","last summer",'DATE',"2020-SU")
add('relative',"Sales will rise next spring.","next spring",'DATE',"2021-SP")
add('relative',"Sales rose this summer.","this summer",'DATE',"2020-SU")
add('relative',"The bill passed in June last year.","June last year",'DATE',"2019-06")
add('relative',"The bill passes in June next year.","June next year",'DATE',"2021-06")
add('relative',"Output rose in this year's third quarter.","this year's third quarter",'DATE',"2020-Q3")
add('relative',"Output will rise in next year's first quarter.","next year's first quarter",'DATE',"2021-Q1")
add('relative',"The day before yesterday he left.","The day before yesterday",'DATE',"2020-09-30")
add('relative',"The results are due the day after tomorrow.","the day after tomorrow",'DATE',"2020-10-04")
add('relative',"The budget was cut at the end of the year.","the end of the year",'DATE',"2020",'END')
add('relative',"Prices fell late last week.","late last week",'DATE',"2020-W39",'END')
add('relative',"Prices fell early yesterday.","early yesterday",'DATE',"2020-10-01",'START')
add('relative',"The last decade was turbulent.","The last decade",'DATE',"201")
add('relative',"The company plans to cut costs next quarter.","next quarter",'DATE',"2021-Q1")
# durations
units=[("day","D",""),("week","W",""),("month","M",""),("year","Y",""),("hour","H","T"),("minute","M","T"),("second","S","T")]
for u,l,t in units:
    for n in (2,3,5,7,12,24,45):
        add('durations',f"The strike lasted {nums.get(n,str(n))} {u}s.",f"{nums.get(n,str(n))} {u}s",'DURATION',f"P{t}{n}{l}")
        add('durations',f"The strike lasted {n} {u}s.",f"{n} {u}s",'DURATION',f"P{t}{n}{l}")
    add('durations',f"It took a {u} to repair.",f"a {u}",'DURATION',f"P{t}1{l}")
    add('durations',f"It took several {u}s to repair.",f"several {u}s",'DURATION',f"P{t}X{l}")
    add('durations',f"It took a few {u}s to repair.",f"a few {u}s",'DURATION',f"P{t}X{l}")
    add('durations',f"The drill ran for more than two {u}s.",f"more than two {u}s",'DURATION',f"P{t}2{l}",'MORE_THAN')
    add('durations',f"The drill ran for less than three {u}s.",f"less than three {u}s",'DURATION',f"P{t}3{l}",'LESS_THAN')
    add('durations',f"The drill ran for about four {u}s.",f"about four {u}s",'DURATION',f"P{t}4{l}",'APPROX')
    add('durations',f"The drill ran for at least five {u}s.",f"at least five {u}s",'DURATION',f"P{t}5{l}",'EQUAL_OR_MORE')
    add('durations',f"The drill ran for nearly six {u}s.",f"nearly six {u}s",'DURATION',f"P{t}6{l}",'LESS_THAN')
    add('durations',f"A two-{u} delay was announced.",f"two-{u}",'DURATION',f"P{t}2{l}")
    add('durations',f"Traffic fell over the past three {u}s.",f"the past three {u}s",'DURATION',f"P{t}3{l}")
    add('durations',f"Traffic will rise over the next two {u}s.",f"the next two {u}s",'DURATION',f"P{t}2{l}")
add('durations',"The deficit shrank in the past 24 hours.","the past 24 hours",'DURATION',"PT24H")
add('durations',"It lasted a decade.","a decade",'DURATION',"P10Y")
add('durations',"It lasted two decades.","two decades",'DURATION',"P20Y")
add('durations',"It lasted three centuries.","three centuries",'DURATION',"P300Y")
add('durations',"The wait took half an hour.","half an hour",'DURATION',"PT30M")
add('durations',"The wait took a half hour.","a half hour",'DURATION',"PT30M")
add('durations',"The wait took an hour and a half.","an hour and a half",'DURATION',"PT1H30M")
add('durations',"The project ran 2 1/2 years.","2 1/2 years",'DURATION',"P2Y6M")
add('durations',"The project ran a year and a half.","a year and a half",'DURATION',"P1Y6M")
add('durations',"She served twenty-three years in prison.","twenty-three years",'DURATION',"P23Y")
add('durations',"She served one hundred days in office.","one hundred days",'DURATION',"P100D")
add('durations',"Trading in the first nine months rose.","the first nine months",'DURATION',"P9M")
add('durations',"The 30-year bond fell.","30-year",'DURATION',"P30Y")
add('durations',"The 52-week high was set.","52-week",'DURATION',"P52W")
add('durations',"Prices rose in recent months.","recent months",'DURATION',"PXM")
add('durations',"Prices rose for months.","months",'DURATION',"PXM")
add('durations',"Talks went on for years.","years",'DURATION',"PXY")
add('durations',"He waited a couple of weeks.","a couple of weeks",'DURATION',"P2W")
add('durations',"Repairs will take the next several days.","the next several days",'DURATION',"PXD")
add('durations',"The fund will grow over the next 14 months.","the next 14 months",'DURATION',"P14M")
add('durations',"He was jailed for a fortnight.","a fortnight",'DURATION',"P2W")
add('durations',"He was jailed for three fortnights.","three fortnights",'DURATION',"P6W")
add('durations',"Prices rose over the past fortnight.","the past fortnight",'DURATION',"P2W")
add('durations',"The ban lasts ninety days.","ninety days",'DURATION',"P90D")
add('durations',"The ban lasts a quarter.","a quarter",'DURATION',"P1Q")
add('durations',"Sales fell in the past two quarters.","the past two quarters",'DURATION',"P2Q")
# sets
for u,v in (("day","P1D"),("week","P1W"),("month","P1M"),("year","P1Y"),("hour","PT1H"),("quarter","P1Q")):
    add('sets',f"The board meets every {u}.",f"every {u}",'SET',v)
    add('sets',f"The board meets each {u}.",f"each {u}",'SET',v)
    add('sets',f"The board meets twice a {u}.",f"twice a {u}",'SET',v)
    add('sets',f"The board meets three times a {u}.",f"three times a {u}",'SET',v)
    add('sets',f"The board meets once a {u}.",f"once a {u}",'SET',v)
for k,w in enumerate(wd,1):
    add('sets',f"The market opens every {w}.",f"every {w}",'SET',f"XXXX-WXX-{k}")
    add('sets',f"He plays golf on {w}s.",f"{w}s",'SET',f"XXXX-WXX-{k}")
for i,m in enumerate(months,1):
    add('sets',f"The festival is held every {m}.",f"every {m}",'SET',f"XXXX-{i:02d}")
add('sets',"The paper is printed every two weeks.","every two weeks",'SET',"P2W")
add('sets',"The census is taken every ten years.","every ten years",'SET',"P10Y")
add('sets',"He runs every morning.","every morning",'SET',"XXXX-XX-XXTMO")
add('sets',"The magazine appears weekly.","weekly",'SET',"P1W")
add('sets',"The fees are charged monthly.","monthly",'SET',"P1M")
add('sets',"Readings are taken hourly.","hourly",'SET',"PT1H")
add('sets',"He works Tuesday nights at the bar.","Tuesday nights",'SET',"XXXX-WXX-2TNI")
# "5% a year" is a rate too (negative rows).
# A rate ("$40 million a year") is no SET: see the negative rows (TimeBank
# tags 2 of 8 such rates).
add('durations',"Three days later, the rebels fled.","Three days",'DURATION',"P3D")
add('sets',"Storms hit every summer.","every summer",'SET',"XXXX-SU")
# fuzzy
for t,v in (("now","PRESENT_REF"),("currently","PRESENT_REF"),("recently","PAST_REF"),("soon","FUTURE_REF"),("formerly","PAST_REF"),("nowadays","PRESENT_REF"),("lately","PAST_REF"),("shortly","FUTURE_REF"),("presently","PRESENT_REF")):
    add('fuzzy',f"The firm is {t} expanding, he says.",t,'DATE',v)
for t,v in (("the past","PAST_REF"),("the future","FUTURE_REF"),("the near future","FUTURE_REF"),("recent years","PAST_REF"),("the present","PRESENT_REF"),("these days","PRESENT_REF"),("the foreseeable future","FUTURE_REF"),("the long term","FUTURE_REF")):
    add('fuzzy',f"In {t}, the firm made steel.",t,'DATE',v)
add('fuzzy',"Right now the market is calm.","Right now",'DATE',"PRESENT_REF")
add('fuzzy',"For now, prices are stable.","now",'DATE',"PRESENT_REF")
add('fuzzy',"At present there is no plan.","At present",'DATE',"PRESENT_REF")
add('fuzzy',"A decision is expected as soon as possible.","as soon as possible",'DATE',"FUTURE_REF")
# times
for h in (1,5,9,11,12):
    for mm in (0,15,30):
        for ap in ("a.m.","p.m."):
            hh = (h%12)+(12 if ap=="p.m." else 0)
            s=f"{h}:{mm:02d} {ap}" if mm else f"{h} {ap}"
            add('times',f"The meeting started at {s} on the dot.",s,'TIME',f"2020-10-02T{hh:02d}:{mm:02d}")
for s,v in (("9:30 a.m. EST","2020-10-02T09:30"),("noon","2020-10-02T12:00"),("midnight","2020-10-02T24:00"),("1430 GMT","2020-10-02T14:30"),("14:45","2020-10-02T14:45"),("6 o'clock","2020-10-02T06:00"),("5 p.m. EST","2020-10-02T17:00"),("at 7:15 p.m.","2020-10-02T19:15")):
    add('times',f"Trading halted at {s} after the alarm.",s.replace("at ",""),'TIME',v)
add('times',"Trading halted around 7:15 p.m. after the alarm.","around 7:15 p.m.",'TIME',"2020-10-02T19:15","APPROX")
add('times',"The vote ends at 5 p.m. Wednesday.","5 p.m. Wednesday",'TIME',"2020-09-30T17:00")
add('times',"The vote ended at 10 p.m. yesterday.","10 p.m. yesterday",'TIME',"2020-10-01T22:00")
add('times',"Polls close at 8 p.m. Nov. 3.","8 p.m. Nov. 3",'TIME',"2020-11-03T20:00")
add('times',"The deadline passed at noon Thursday.","noon Thursday",'TIME',"2020-10-01T12:00")
add('times',"Explosions were heard overnight.","overnight",'TIME',"2020-10-02TNI")
add('times',"He arrived in mid-afternoon.","mid-afternoon",'TIME',"2020-10-02TAF",'MID')
# ---- session 2: conventions checked against TimeML 1.2.1 / TimeBank
# "last" after "to"/a modal is the verb: only the amount is the expression.
for pre,amt,unit,val in [("is expected to last","several","weeks","PXW"),("could last","two","days","P2D"),
                         ("will last","three","months","P3M"),("may last","several","years","PXY"),
                         ("did not last","two","hours","PT2H")]:
    add('durations',f"The trial {pre} {amt} {unit}.",f"{amt} {unit}",'DURATION',val)
# "the last N units" keeps its determiner.
for amt,unit,val in [("three","years","P3Y"),("24","hours","PT24H"),("two","weeks","P2W")]:
    add('durations',f"Prices doubled in the last {amt} {unit}.",f"the last {amt} {unit}",'DURATION',val)
# "May" after "for" is the month.
add('dates',"The vote, scheduled for May, was postponed.","May",'DATE',"2021-05")
add('dates',"Elections are planned for May.","May",'DATE',"2021-05")
# "set to" / "is to" point ahead, although "set" alone is a past form.
for k,w in enumerate(wd):
    fwd=(k-4)%7
    add('relative',f"The peace process, set to resume {w} in Belfast, stalled.",w,'DATE',(dct+dt.timedelta(fwd)).isoformat())
    add('relative',f"Trading in the shares is to resume {w}.",w,'DATE',(dct+dt.timedelta(fwd)).isoformat())
# Seasons and quarters without a year are placed by month, like month
# names (DCT 2021-02-20: still the winter that began in December 2020).
D2='2021-02-20'
add('relative',"He visited Moscow in the spring.","the spring",'DATE',"2020-SP",d=D2)
add('relative',"He will visit Moscow in the summer.","the summer",'DATE',"2021-SU",d=D2)
add('relative',"The snow fell last winter.","last winter",'DATE',"2019-WI",d=D2)
add('relative',"This winter is cold.","This winter",'DATE',"2020-WI",d=D2)
add('relative',"We plant next spring.","next spring",'DATE',"2021-SP",d=D2)
add('dates',"Sales rose in the fourth quarter.","the fourth quarter",'DATE',"2020-Q4",d=D2)
add('dates',"Sales rose in the fourth quarter.","the fourth quarter",'DATE',"2020-Q4",d='2020-11-20')
add('dates',"Sales rose in the third quarter.","the third quarter",'DATE',"2020-Q3",d='2020-11-20')
# Every modifier a rule accepts is in lexicon/mod.tsv (an unknown one used
# to drop the whole expression); "shortly after" is a signal, not a mod.
add('relative',"It began just over two years ago.","just over two years ago",'DATE',"2018",'MORE_THAN')
# "over" and "only" stay outside (TimeBank: "over [three years]", "only [six months]").
add('relative',"It began only three days ago.","three days ago",'DATE',"2020-09-29")
add('durations',"The plan will be phased in over three years.","three years",'DURATION',"P3Y")
add('durations',"He served only six months.","six months",'DURATION',"P6M")
add('relative',"We expect it in the first part of next year.","the first part of next year",'DATE',"2021",'START')
add('relative',"The dispute began in the middle of last year.","the middle of last year",'DATE',"2019",'MID')
add('times',"The blast came shortly after 10 a.m.","10 a.m.",'TIME',"2020-10-02T10:00")
add('times',"He left just before noon.","noon",'TIME',"2020-10-02T12:00")
add('times',"The ceasefire began shortly after midnight Sunday.","midnight Sunday",'TIME',"2020-09-27T24:00")
add('times',"Police said the attack occurred at around 11 p.m. Tuesday.","around 11 p.m. Tuesday",'TIME',"2020-09-29T23:00",'APPROX')
# A part of a named day is one TIME expression.
add('times',"The ship sank on the night of Aug. 7.","the night of Aug. 7",'TIME',"2020-08-07TNI")
add('times',"He died on the morning of Jan. 3, 1995.","the morning of Jan. 3, 1995",'TIME',"1995-01-03TMO")
add('times',"Rebels attacked on the evening of Sept. 30.","the evening of Sept. 30",'TIME',"2020-09-30TEV")
# "the day before." at the end of a clause: one day from the narrative date.
add('relative',"The day before, talks had failed.","The day before",'DATE',"2020-10-01")
add('relative',"Talks failed the week before.","the week before",'DATE',"2020-W39")
# "the previous year" is anaphoric (TimeML): from the DCT only when no date
# was named before it.
add('relative',"Sales were up from the previous year.","the previous year",'DATE',"2019")
add('relative',"Sales fell from the previous quarter.","the previous quarter",'DATE',"2020-Q3")
# Quarters of a unit other than the fiscal quarter.
add('durations',"He has worked there for a quarter century.","a quarter century",'DURATION',"P25Y")
add('durations',"It took a quarter of a century.","a quarter of a century",'DURATION',"P25Y")
add('durations',"We waited a quarter of an hour.","a quarter of an hour",'DURATION',"PT15M")
add('durations',"It took three quarters of an hour.","three quarters of an hour",'DURATION',"PT45M")
# A season of a shifted year; parts of the narrative day; "the following Monday".
add('relative',"In the spring of last year, the plant closed.","the spring of last year",'DATE',"2019-SP")
add('relative',"Next year's summer will be hot.","Next year's summer",'DATE',"2021-SU")
add('relative',"The summer of next year will be hot.","The summer of next year",'DATE',"2021-SU")
add('times',"The next morning, the troops left.","The next morning",'TIME',"2020-10-03TMO")
add('times',"That night, the rebels attacked.","That night",'TIME',"2020-10-02TNI")
add('times',"The previous evening, he had called.","The previous evening",'TIME',"2020-10-01TEV")
add('relative',"The following Monday, the market crashed.","The following Monday",'DATE',"2020-10-05")
# A plain past-tense sentence reaches at most a month ahead for a yearless
# date; "payable" (and any future cue in the sentence) reaches two.
add('dates',"On Jan. 1 the new currency was born.","Jan. 1",'DATE',"2020-01-01",d='2020-11-04')
add('dates',"Crowds gathered on New Year's Eve.","New Year's Eve",'DATE',"2019-12-31",d='2020-11-04')
add('dates',"Directors declared a dividend payable Dec. 7.","Dec. 7",'DATE',"2020-12-07",d='2020-10-26')
add('dates',"The talks are supposed to conclude by May.","May",'DATE',"2021-05",d='2020-12-20')
add('times',"At 1500 hours the convoy left.","1500 hours",'TIME',"2020-10-02T15:00")
add('relative',"Sales are up from this time last year.","this time last year",'DATE',"2019")
add('relative',"By this time next year, the plant will open.","this time next year",'DATE',"2021")
# Short past forms the -ed rule cannot see ("died") are in the cue lexicon.
add('times',"He died on the morning of Jan. 3.","the morning of Jan. 3",'TIME',"2020-01-03TMO",d='2020-11-04')
add('dates',"Two soldiers were shot on Dec. 20.","Dec. 20",'DATE',"2019-12-20",d='2020-11-04')
# "would" reports a future seen from the past: "said he would visit Monday".
add('relative',"The minister said he would visit Paris Monday.","Monday",'DATE',"2020-10-05")
# Session 3. "a second" is a duration only before the words that follow
# one; before any other word it is an ordinal (negative corpus below).
add('durations',"A second later the bomb went off.","A second",'DURATION',"PT1S")
add('durations',"He hesitated for a second or two.","a second",'DURATION',"PT1S")
add('durations',"The lights went out for a second and came back.","a second",'DURATION',"PT1S")
add('durations',"It took him a second to answer.","a second",'DURATION',"PT1S")
add('durations',"He paused for a second.","a second",'DURATION',"PT1S")
# A span of years written as one token is one expression, valued by its
# first year.
for text,span,val in [("The war in 1998-99 killed thousands.","1998-99","1998"),
                      ("The EU budget for 2007-13 was agreed.","2007-13","2007"),
                      ("Output rose in 1997/98 after the drought.","1997/98","1997"),
                      ("The plan covers 1998-2000 in detail.","1998-2000","1998"),
                      ("Losses mounted in 2004-05.","2004-05","2004")]:
    add('dates',text,span,'DATE',val)
# A present-tense clause names the nearest such weekday, up to three days
# either way (DCT Friday 2020-10-02); "since" never looks ahead.
add('relative',"The envoy is in Jerusalem Monday for talks.","Monday",'DATE',"2020-10-05")
add('relative',"The company says Wednesday it is cutting 300 jobs.","Wednesday",'DATE',"2020-09-30")
add('relative',"The deadline for the proposal is Sunday.","Sunday",'DATE',"2020-10-04")
add('relative',"Voters are going to the polls on Saturday.","Saturday",'DATE',"2020-10-03")
add('relative',"The minister is in Paris Thursday for talks.","Thursday",'DATE',"2020-10-01")
add('relative',"The two leaders meet separately Monday with the envoy.","Monday",'DATE',"2020-10-05")
add('relative',"The trial of the former dictator resumes on Monday.","Monday",'DATE',"2020-10-05")
add('relative',"The anniversary falls on Sunday.","Sunday",'DATE',"2020-10-04")
add('relative',"Protesters gather in the square Wednesday.","Wednesday",'DATE',"2020-09-30")
add('relative',"Workers are on strike since Monday.","Monday",'DATE',"2020-09-28")
add('relative',"Troops have patrolled the city since Tuesday.","Tuesday",'DATE',"2020-09-29")
add('relative',"The death sentence is to be carried out early Tuesday.","early Tuesday",'DATE',"2020-10-06",'START')
# A quarter or half of a shifted year is one expression in that year
# ("the last half of 1989" is one in TimeBank); "of" is optional in "the
# same period (of) last year".
add('relative',"Profit fell in the third quarter of last year.","the third quarter of last year",'DATE',"2019-Q3")
add('relative',"Sales will rise in the second half of next year.","the second half of next year",'DATE',"2021-H2")
add('relative',"Sales fell in the first half of this year.","the first half of this year",'DATE',"2020-H1")
add('relative',"Sales fell in the last half of last year.","the last half of last year",'DATE',"2019-H2")
add('relative',"Output fell in the fourth quarter of the previous year.","the fourth quarter of the previous year",'DATE',"2019-Q4")
add('relative',"Exports rose over the same period of last year.","the same period of last year",'DATE',"2019")
# A quarter or half without a year is the nearest one; a fiscal quarter
# the last one begun.
add('dates',"The sale is expected to close in the fourth quarter.","the fourth quarter",'DATE',"1998-Q4",d='1998-08-08')
add('dates',"Profit rose 5 percent in the fourth quarter.","the fourth quarter",'DATE',"1997-Q4",d='1998-02-08')
add('dates',"Profit fell in the third quarter.","the third quarter",'DATE',"1989-Q3",d='1989-11-01')
add('dates',"Profit fell in the fiscal first quarter.","the fiscal first quarter",'DATE',"1989-Q1",d='1989-11-01')
add('dates',"Growth will pick up in the second half.","the second half",'DATE',"1998-H2",d='1998-05-20')
add('dates',"The company expects to report a third-quarter loss.","third-quarter",'DATE',"1989-Q3",d='1989-11-02')
add('dates',"Sales fell in the first half.","the first half",'DATE',"1998-H1",d='1998-05-20')
add('durations',"The project will take two-and-a-half years.","two-and-a-half years",'DURATION',"P2Y6M")
add('durations',"The talks lasted 2-1/2 hours.","2-1/2 hours",'DURATION',"PT2H30M")
add('dates',"Elections are expected in the fall of 1999.","the fall of 1999",'DATE',"1999-FA")
add('relative',"Sales rose in the fall of last year.","the fall of last year",'DATE',"2019-FA")
add('fuzzy',"The custom survives to the present day.","the present day",'DATE',"PRESENT_REF")
add('fuzzy',"He lives in the present.","the present",'DATE',"PRESENT_REF")
# Present-tense verbs of scheduled events place a date nearest, not in
# the past a nearby "passed" would choose.
add('dates',"The law, passed by parliament, takes effect Jan. 1.","Jan. 1",'DATE',"2021-01-01",d='2020-08-08')
add('dates',"Urged to stay, the director, whose term expires in September, declined.","September",'DATE',"2020-09",d='2020-04-15')
add('relative',"Mugabe opens the conference on Friday.","Friday",'DATE',"2020-10-09",d='2020-10-07')
add('times',"Fighting continued overnight.","overnight",'TIME',"2020-10-02TNI")
# A span of days in one token is one expression, valued by its first day.
add('dates',"Talks are set for April 17-19 in Tokyo.","April 17-19",'DATE',"2021-04-17",d='2021-04-04')
add('dates',"The summit is on June 16-17, 1997 in Amsterdam.","June 16-17, 1997",'DATE',"1997-06-16")
add('dates',"The forum runs 22-24 June in Victoria.","22-24 June",'DATE',"2021-06-22",d='2021-04-04')
# "the second day of an offensive" is the day of the report (TimeBank).
add('relative',"It is the second day of an offensive by the police.","the second day",'DATE',"2020-10-02")
add('relative',"Saudi Arabia is in the eighth day of the blockade.","the eighth day",'DATE',"2020-10-02")
add('sets',"He visits his mother every other week.","every other week",'SET',"P2W")
add('fuzzy',"I saw him in town the other day.","the other day",'DATE',"PAST_REF")
add('dates',"The deficit narrowed in the 1998-99 fiscal year.","the 1998-99 fiscal year",'DATE',"1998")
add('dates',"He scored 30 goals in the 1997/98 season.","the 1997/98 season",'DATE',"1997")
# "this coming Sunday, March eighth" is one expression (TimeBank).
add('dates',"Women's Day is this coming Sunday, March eighth.","this coming Sunday, March eighth",'DATE',"1998-03-08",d='1998-03-05')
add('dates',"The vote is next Tuesday, March 10.","next Tuesday, March 10",'DATE',"1998-03-10",d='1998-03-05')
add('dates',"The deal should close around Nov. 1.","around Nov. 1",'DATE',"1989-11-01",'APPROX',d='1989-10-20')
add('relative',"The plant will open sometime next year.","sometime next year",'DATE',"2021")
add('relative',"Rates will stay low for the next year or so.","the next year or so",'DATE',"2021")
add('times',"Flights resumed at 0600 local time.","0600",'TIME',"2020-10-02T06:00")
# negative corpus
# Session 3: ordinals, names with a season, "the future of", and "at
# the moment" (TimeBank leaves it untagged, 0 of 4).
for t in ["A second man was killed by a rubber bullet.","The EU approved a second UN convention.",
          "They agreed to hold a second round of talks.","He was asked to serve a second term.",
          "A second group of pilgrims returned home.","Police found a second bomb near the embassy.",
          "The Winter Olympics opened in Nagano.","Athletes trained for the Summer Games.",
          "Millions travelled for the Spring Festival.","The Fall Classic drew fans.",
          "The future of the company is in doubt.","They worried about the future of the peace process.",
          "There are no shipments at the moment.","For the moment, he has decided to wait.",
          "You cannot miss the moment.",
          # rates (TimeBank leaves "$1.76 a year", "four flights a week" untagged)
          "Qantas runs four flights a week to Bombay.","The merger saves $500 million a year.",
          "Jobs grew at a rate of 358,000 a month.","The bond pays 5 percent a year.",
          "The stock has a dividend rate of $1.76 a year.","Workers earn $5 a day.",
          "Tickets cost $40 million a year.","Prices rose 5% a year.",
          "Since the fall of the Berlin Wall, trade has grown.","The fall in prices hurt farmers.",
          "He regretted the fall of the government.","The present crisis is severe.",
          "The present government resigned.","In the days of the empire, trade flourished.",
          "The overnight lending rate was unchanged.","Banks raised overnight call rates.",
          "In other years, sales rose.","Unlike other months, it was calm.",
          "Output grew under the Ninth Five-Year Plan.","Israel won the Six-Day War.",
          "The quarter-to-quarter comparison was enhanced.","Exports rose on a year-on-year basis.",
          "He handles day-to-day operations."]:
    neg(t)
for t in ["August Walker was killed in the film.","May I ask a question?","Troops march on the capital.","Protesters will march through the city.",
 "The spring in the coil snapped.","Call 555-123-4567 for details.","Call (212) 555-0100 for details.","The Lakers won 102-98.","He paid $2,000 for the car.",
 "The account number is 2882015.","About 1,999 people attended.","She earned $1995 in total.","The car has a spring-loaded seat.",
 "June Carter sang the song.","The model 2020 printer jams.","He scored 2 goals.","Mission: Impossible 7 and 8 were filmed.",
 "The stock rose 3.5 percent.","It weighs 1500 pounds.","Room 1999 is upstairs.","Interstate 1990 is long.",
 "The temperature was 2000 degrees.","We sold 2019 cars.","He ran 1500 miles.","The ratio is 3-2.","Hot springs water is warm.",
 "Theresa May resigned.","The score was 21-14 at the half.","Route 66 is famous.","Version 2012 of the software failed.",
 "She may go to the store.","You may leave.", "Windows 2000 crashed often.","The vote was 52-48.","It costs $1,990.",
 "The company employs 2,000 workers.","They hired 1200 employees.","He is 45 years old.",
 "The Boeing 747 landed.","Flight 2018 was delayed.","The deal was worth 4.5 billion.","Page 1989 of the report.",
 "April Ryan asked a question.","The second half of the game was dull.","Score: 4-1 to the home side.","The current chairman resigned.","The recent rally faded.","About three-quarters of the vote was counted.","More than a quarter of the staff left.","The second half of the match was dull.","Leave as soon as the threat ends.","He died soon after his capture.","Police arrived shortly afterward.","He died shortly after his capture.","The town has a population of 2000.","A crowd of about 1500 gathered."]:
    neg(t)
# ---- session 5: weekdays of shifted weeks ("two weeks ago Tuesday",
# "a week from Monday", "Friday of last week"), computed with datetime.
for d0 in ('2020-10-02','1998-03-03','1989-11-05','2021-01-04'):
    dd=dt.date.fromisoformat(d0)
    for wi,w in enumerate(wd,1):
        back=(dd.isoweekday()-wi)%7; ahead=(wi-dd.isoweekday())%7
        for n,nw in ((1,'a'),(2,'two'),(3,'three')):
            unit='week' if n==1 else 'weeks'
            add('relative',f"The attack happened {nw} {unit} ago {w}, police said.",f"{nw} {unit} ago {w}",'DATE',(dd-dt.timedelta(back+7*n)).isoformat(),d=d0)
        add('relative',f"The plant opens two weeks from {w}.",f"two weeks from {w}",'DATE',(dd+dt.timedelta(ahead+14)).isoformat(),d=d0)
        monday=dd-dt.timedelta(dd.isoweekday()-1)
        add('relative',f"He resigned {w} of last week.",f"{w} of last week",'DATE',(monday-dt.timedelta(7)+dt.timedelta(wi-1)).isoformat(),d=d0)
        add('relative',f"The board meets {w} next week, a spokesman said.",f"{w} next week",'DATE',(monday+dt.timedelta(7)+dt.timedelta(wi-1)).isoformat(),d=d0)
# "the week of Oct. 12": the ISO week holding the day.
for y,mi,day in ((2020,10,12),(1998,12,28),(1999,1,3),(2021,1,1),(1989,11,6),(2004,7,4)):
    a=abbr[mi-1]; dd=dt.date(y,mi,day)
    add('dates',f"The meeting is set for the week of {a} {day}, {y}.",f"the week of {a} {day}, {y}",'DATE',isow(dd))
    add('dates',f"Jobless claims fell in the week ended {wd[dd.weekday()]}, {months[mi-1]} {day}, {y}.",f"the week ended {wd[dd.weekday()]}, {months[mi-1]} {day}, {y}",'DATE',isow(dd))
    add('dates',f"Sales in the week ending {a} {day} rose.",f"the week ending {a} {day}",'DATE',isow(dd),d=f"{y}-{mi:02d}-{day:02d}")
# "the first week of October 2020": the ISO week holding most of the
# seven days (the 4th, 11th, 18th, 25th; the last seven: the 4th from last).
import calendar
for y,mi in ((2020,10),(2005,1),(2021,2),(2019,12),(1998,3),(2015,11)):
    last=calendar.monthrange(y,mi)[1]
    for n,o in ((1,'first'),(2,'second'),(3,'third'),(4,'fourth'),(-1,'last')):
        mid=dt.date(y,mi,(n-1)*7+4 if n>0 else last-3)
        add('dates',f"The vote is due in the {o} week of {months[mi-1]} {y}.",f"the {o} week of {months[mi-1]} {y}",'DATE',isow(mid))
for d0 in ('2020-10-02','1998-02-11'):
    dd=dt.date.fromisoformat(d0)
    add('relative',"The year before last was hard for farmers.","The year before last",'DATE',str(dd.year-2),d=d0)
    add('relative',"The vote is set for the week after next.","the week after next",'DATE',isow(dd+dt.timedelta(14)),d=d0)
    mm=(dd.month-1-2)%12+1; yy=dd.year+((dd.month-1-2)//12)
    add('relative',"Prices fell in the month before last.","the month before last",'DATE',f"{yy}-{mm:02d}",d=d0)
for c,txt in ((18,'1800s'),(17,'1700s'),(19,'1900s'),(16,'1600s')):
    add('dates',f"Steam power spread in the {txt}.",f"the {txt}",'DATE',str(c))
    add('dates',f"Trade grew in the late {txt}.",f"the late {txt}",'DATE',str(c),'END')
add('dates',"Phones spread in the 2000s.","the 2000s",'DATE','200')
for f,fw in ((1,'once'),(2,'twice'),(3,'three times')):
    for adv,u in (('daily','P1D'),('nightly','P1D'),('hourly','PT1H'),('weekly','P1W'),('monthly','P1M'),('quarterly','P1Q'),('annually','P1Y'),('yearly','P1Y')):
        add('sets',f"The pills are taken {fw} {adv}, doctors said.",f"{fw} {adv}",'SET',u)
# "midnight Dec. 31", "noon May 5, 1999": one TIME (as "midnight Friday").
for hw,hv in (('midnight','24:00'),('noon','12:00')):
    for y,mi,day in ((2020,12,31),(1999,5,5),(2021,3,1)):
        add('times',f"The deadline is {hw} {abbr[mi-1]} {day}, {y}, officials said.",f"{hw} {abbr[mi-1]} {day}, {y}",'TIME',f"{y}-{mi:02d}-{day:02d}T{hv}")
    add('times',f"The ceasefire takes effect at {hw} Dec. 24.",f"{hw} Dec. 24",'TIME',f"2020-12-24T{hv}")
# "Nov. 4 and 5, 1998": each day of a coordination is an expression; the
# first takes the year written after the second.
for y,mi,d1,d2,conj in ((1998,11,4,5,'and'),(2005,12,15,19,'to'),(1999,4,7,9,'and'),(2021,1,1,3,'through')):
    m=months[mi-1]
    add('dates',f"Talks were held {m} {d1} {conj} {d2}, {y}, in Geneva.",f"{m} {d1}",'DATE',f"{y}-{mi:02d}-{d1:02d}",others=1)
    add('dates',f"Talks were held {m} {d1} {conj} {d2}, {y}, in Geneva.",f"{d2}, {y}",'DATE',f"{y}-{mi:02d}-{d2:02d}",others=1)
    add('dates',f"Talks were held {m} {d1} {conj} {d2}.",f"{d2}",'DATE',f"{y}-{mi:02d}-{d2:02d}",d=f"{y}-{mi:02d}-28",others=1)
add('relative',"Elections are set for May 2 and 9.","9",'DATE',"2021-05-09",others=1)
add('relative',"Elections are set for May 2 and 9.","May 2",'DATE',"2021-05-02",others=1)
# "in the early morning": a part of the reference day with its mod.
for pod,code in (('morning','MO'),('afternoon','AF'),('evening','EV')):
    for m,mc in (('early','START'),('late','END')):
        add('relative',f"The attack came in the {m} {pod}, police said.",f"the {m} {pod}",'TIME',f"2020-10-02T{code}",mc)
add('durations',"Talks will continue in the coming days.","the coming days",'DURATION',"PXD")
# "the latter half of the year", "the third quarter of the year": the DCT's year.
for d0 in ('2020-10-02','1998-02-11'):
    yy=d0[:4]
    add('relative',"Sales rose in the latter half of the year.","the latter half of the year",'DATE',f"{yy}-H2",d=d0)
    add('relative',"Sales rose in the first half of the year.","the first half of the year",'DATE',f"{yy}-H1",d=d0)
    for q,o in ((1,'first'),(2,'second'),(3,'third'),(4,'fourth')):
        add('relative',f"Profit fell in the {o} quarter of the year.",f"the {o} quarter of the year",'DATE',f"{yy}-Q{q}",d=d0)
# "half a century ago": 50 years back (a year); "half a decade ago".
for d0 in ('2020-10-02','1998-02-11'):
    yy=int(d0[:4])
    add('relative',"The firm was founded half a century ago.","half a century ago",'DATE',str(yy-50),d=d0)
    add('relative',"The dam was built more than half a century ago.","more than half a century ago",'DATE',str(yy-50),'MORE_THAN',d=d0)
    add('relative',"The reform began half a decade ago.","half a decade ago",'DATE',str(yy-5),d=d0)
# "a week-long strike": "week-long" is the duration (not "a week" / "the week").
for u,val in (('hour','PT1H'),('day','P1D'),('week','P1W'),('month','P1M'),('year','P1Y'),('decade','P10Y')):
    add('durations',f"The {u}-long strike ended.",f"{u}-long",'DURATION',val)
    add('durations',f"It followed a {u}long inquiry.",f"{u}long",'DURATION',val)
add('durations',"They held a two hour-long meeting.","two hour-long",'DURATION','PT2H')
add('durations',"It ended a 10 day-long siege.","10 day-long",'DURATION','P10D')
# "the end of the 1980s", "the beginning of the 19th century".
for mw,mc in (('the end of','END'),('the beginning of','START'),('the middle of','MID')):
    add('dates',f"The plan was ready by {mw} the 1980s.",f"{mw} the 1980s",'DATE','198',mc)
    add('dates',f"Coal ruled at {mw} the 19th century.",f"{mw} the 19th century",'DATE','18',mc)
    add('dates',f"Prices fell in {mw} the nineties.",f"{mw} the nineties",'DATE','199',mc,d='1998-02-11')
# "the year ended March 31": a DURATION of a year (TimeBank: 6 of 7).
for pre in ('the year','the fiscal year','the financial year'):
    add('durations',f"Revenue fell in {pre} ended March 31.",pre,'DURATION','P1Y',others=1)
    add('durations',f"Net income in {pre} ending June 30 will fall.",pre,'DURATION','P1Y',others=1)
    add('durations',f"It forecast a loss for {pre} to March 1998.",pre,'DURATION','P1Y',others=1)
add('durations',"Profit forecasts for the year to March were cut.","the year",'DURATION','P1Y',others=1)
add('durations',"The decades-long conflict ended.","decades-long",'DURATION','PXDE')
# "the December quarter": the quarter that month ends (a past clause told
# on 1998-04-20 names one already begun).
for mname,q in (('March',1),('June',2),('September',3),('December',4),('Sept.',3),('Dec.',4)):
    add('dates',f"Sales rose 5 percent in the {mname} quarter, it said.",f"the {mname} quarter",'DATE',f"1998-Q{q}" if q<=2 else f"1997-Q{q}",d='1998-04-20')
add('dates',"The company will report a profit in the December quarter.","the December quarter",'DATE',"2020-Q4")
# "for the full year" in results is the year (TimeBank: DATE 6 of 6);
# "for the whole year" a duration.
for d0 in ('1989-10-30','2020-10-02'):
    add('relative',"Sales for the full year were $6.6 billion.","the full year",'DATE',d0[:4],d=d0)
    add('relative',"It forecast an earnings increase for the fiscal year.","the fiscal year",'DATE',d0[:4],d=d0)
    add('relative',"For the year, pet food volume was flat.","the year",'DATE',d0[:4],d=d0)
add('durations',"He worked abroad for the whole year.","the whole year",'DURATION','P1Y')
add('durations',"The plant was idle for the entire year.","the entire year",'DURATION','P1Y')
# "on the 15th": a day of the narrative month, else of the DCT's month or
# the one the tense points to.
add('relative',"The talks will resume on the 15th.","the 15th",'DATE',"2020-10-15")
add('relative',"The talks will resume on the 1st.","the 1st",'DATE',"2020-11-01")
add('relative',"He said the vote was held on the 28th.","the 28th",'DATE',"2020-09-28")
add('relative',"He said the vote was held on the 2nd.","the 2nd",'DATE',"2020-10-02")
add('relative',"In March, sales peaked on the 15th.","the 15th",'DATE',"2020-03-15",others=1)
add('relative',"The deal closed on Sept. 3 and the shares were delisted on the 9th.","the 9th",'DATE',"2020-09-09",others=1)
add('relative',"The deal closed on Sept. 3 and the shares were delisted on the 9th.","the 9th",'DATE',"1998-09-09",d='1998-11-20',others=1)
for t in ["She lives on the 15th floor.","It marks the 20th anniversary.","He finished on the 3rd hole."]:
    neg(t)
# "the 1988 period" after "the third quarter": that quarter of 1988.
add('dates',"Profit rose in the third quarter. In the 1988 period, it earned $20 million.","the 1988 period",'DATE',"1988-Q3",d='1989-11-01',others=1)
add('dates',"Profit rose in the third quarter, from $3 million in the 1988 quarter.","the 1988 quarter",'DATE',"1988-Q3",d='1989-11-01',others=1)
add('dates',"In the 1988 period, the company earned $20 million.","the 1988 period",'DATE',"1988",d='1989-11-01')
# "Black Friday": the day after Thanksgiving (holiday "nth 11 4 4 1").
for y in (1998,2019,2020,2024):
    add('dates',f"Shoppers crowded stores on Black Friday {y}.",f"Black Friday {y}",'DATE',(nth(y,11,4,4)+dt.timedelta(1)).isoformat())
add('dates',"Profits rose in calendar 1998.","calendar 1998",'DATE',"1998")
add('dates',"Profits rose in calendar year 1998.","calendar year 1998",'DATE',"1998")
for t in ["The Sunday Times reported the story.","He told the Sunday Telegraph newspaper.","A Sunday Mirror reporter asked."]:
    neg(t)
for t in ["The day-release regime will end.","The day-care centre reopened.","He ran the day-to-day business."]:
    neg(t)
import os
here=os.path.dirname(os.path.abspath(__file__))
total=0
for f,rs in rows.items():
    hdr = "# text\tdct\t(nothing: must yield no timex)\n" if f=='negative' else "# text\tdct\texpected span\ttype\tvalue\tmod\t(+N: other expressions in the text)\n"
    with open(os.path.join(here,f'{f}.tsv'),'w') as o:
        o.write(hdr); o.write('\n'.join(rs)+'\n'); total+=len(rs)
print(total,{f:len(r) for f,r in rows.items()})
