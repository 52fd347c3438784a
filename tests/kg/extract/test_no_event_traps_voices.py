"""Blind trap sentences in voices the rules were not tuned on (Chinese state-media English,
think-tank hypotheticals, chained wire attributions, regulatory notices, op-eds with rhetorical
questions, earnings calls, attendee lists, bylines and captions, Q&A transcripts, nested
reporting), written before the extractor read them. Each reports no event under DESIGN.md
(rulings 1, 2, 5, 6, 13, 16). Those that did report one were fixed as kinds and have their own
tests (test_falsified_claims.py, test_accusation_sides.py, test_questions.py); this list
guards the rest."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article

TRAPS = [
    # state media, think tanks, wire, notices, op-eds, earnings calls, attendees, captions
    'China resolutely opposes any attempt to contain its technological development, Xinhua said.',
    'Beijing firmly urges the so-called alliance to abandon its Cold War mentality.',
    'The so-called chip alliance led by Washington is doomed to fail, the Global Times said '
    'in an editorial.',
    'Chinese netizens slammed the US move as hypocritical, according to CCTV.',
    'Experts interviewed by China Daily said the US sanctions on Huawei would backfire.',
    "The People's Daily commentary warned that no country should weaponise technology.",
    'China will take all necessary measures to safeguard the legitimate rights of Chinese '
    'companies, state media reported.',
    'Observers believe the US crackdown on Chinese AI firms exposes its anxiety.',
    'The so-called Entity List has become a tool for the United States to suppress '
    'competitors, a commentary in Xinhua said.',
    'Chinese scholars called on Washington to stop politicising trade, the Global Times reported.',
    'Had the United States not imposed export controls in 2022, Huawei might never have built '
    'its own chips.',
    'Should Beijing ban exports of gallium, Washington would likely respond with new tariffs.',
    'In a scenario where Taiwan is blockaded, Nvidia could lose access to TSMC.',
    'A hypothetical deal between Nvidia and Huawei would face fierce opposition in Congress.',
    'The report recommends that Washington sanction more Chinese chipmakers.',
    'Analysts at CSIS argue that the United States should partner with India on semiconductors.',
    'What if Xi Jinping and Donald Trump agreed to pause all AI export controls?',
    'Imagine a world in which Baidu and Google jointly develop an AI model.',
    'Alibaba is in early talks with Apple about an AI partnership, according to people '
    'familiar with the matter.',
    'A source told Reuters that Tencent had discussed a possible investment in an American '
    'startup.',
    'Two people briefed on the matter said Commerce was weighing sanctions on SMIC.',
    'Bloomberg reported, citing unnamed officials, that Washington planned to blacklist more '
    'firms.',
    'The Financial Times, citing three people, said Huawei had approached Samsung about a '
    'chip deal.',
    'Nvidia did not immediately respond to a request for comment.',
    'A spokesperson for the Chinese embassy in Washington did not respond to questions.',
    'Officials said privately that talks between Wang Yi and Jake Sullivan could resume in '
    'the autumn.',
    'People familiar with the plans said ByteDance may seek a partnership with Oracle.',
    'Reuters could not independently verify the report that Huawei met Nvidia executives.',
    'The rule, which Commerce issued in 2022, restricts exports of advanced chips to China.',
    'The Bureau of Industry and Security said the interim final rule takes effect on April 4.',
    'Under the regulation, companies must obtain a licence before shipping chips to China.',
    'Comments on the proposed rule are due by March 15.',
    'The notice, published in the Federal Register, lists 30 entities.',
    "The Treasury Department's proposed rule would restrict US investment in Chinese AI firms.",
    'The Cyberspace Administration of China released draft measures on generative AI for '
    'public comment.',
    'The entity listing does not apply to consumer products, the agency clarified.',
    'The final rule amends the Export Administration Regulations.',
    'The order, first proposed by Biden in 2023, has yet to be finalised.',
    'Why should Washington trust Beijing to honour any AI agreement?',
    'You cannot sanction your way to technological leadership.',
    'Is it wise for America to cut Nvidia off from its largest market?',
    'If you run a chip company, you should worry about the new rules.',
    'Who benefits when Washington and Beijing refuse to talk?',
    'Imagine if Biden had met Xi every month instead of every year.',
    'Critics ask: why did Commerce wait so long to act against Huawei?',
    'Does anyone believe Beijing will stop subsidising its chipmakers?',
    'Let us be clear: America must not sell its best chips to China.',
    'We should welcome cooperation with China on AI safety, not fear it.',
    'Jensen Huang told analysts on the earnings call that demand from Chinese customers '
    'remained strong.',
    'Our China revenue declined because of the export controls, the chief financial officer said.',
    'Operator: Our next question comes from the line of Vivek Arya with Bank of America.',
    'Nvidia expects to ship the H20 to Chinese customers next quarter, management said.',
    "AMD's chief executive Lisa Su said the company would comply with all US export regulations.",
    'The company said it had engaged with the Commerce Department on licensing.',
    'Thank you, operator, and good afternoon everyone.',
    'We continue to work closely with the US government, Huang said.',
    'Attendees included Commerce Secretary Gina Raimondo, Chinese Vice Premier He Lifeng and '
    'Nvidia chief executive Jensen Huang.',
    'Present at the dinner were Tim Cook, Satya Nadella and Wang Yi.',
    'Speakers at the forum: Sam Altman, OpenAI; Robin Li, Baidu; Kai-Fu Lee, 01.AI.',
    'The delegation comprised officials from the State Department, the Commerce Department '
    'and the Treasury.',
    'Panelists included former Commerce Under Secretary Alan Estevez and Chinese scholar Yan '
    'Xuetong.',
    "BEIJING, June 3 (Reuters) - China's commerce ministry on Tuesday.",
    'Reporting by Michael Martina in Washington and Yew Lun Tian in Beijing; Editing by Don '
    'Durfee.',
    'Photo: Chinese President Xi Jinping and US President Joe Biden at a meeting in 2023.',
    'File photo: Wang Yi shakes hands with Antony Blinken in Beijing, June 19, 2023.',
    "Caption: Huawei's booth at the World Artificial Intelligence Conference in Shanghai.",
    'Pictured: Gina Raimondo and Wang Wentao at a meeting in Beijing last August.',
    'Clarification: Tencent did not invest in the startup, as previously reported.',
    "'The Europeans have been naive about China,' Raimondo said.",
    "Huawei's founder said American politicians misunderstood the company.",
    'Wang Yi said some countries were stoking bloc confrontation.',
    "'Certain people in Washington are obsessed with containing China,' the spokesperson said.",
    'Biden said critics of his policy in Congress were wrong.',
    'The embassy said it had noted reports that Washington planned to sanction Chinese firms.',
    'Raimondo said China had complained that the rules were unfair.',
    'The ministry rejected claims that it had met Nvidia executives in secret.',
    "Blinken said he had heard Beijing's concerns but that the rules would stay.",
    # denials and questions
    'Lin Jian said the so-called concerns raised by the US side were groundless.',
    'The spokesperson said allegations that Huawei had met Iranian officials were fabricated.',
    'Speculation that Xi would meet Trump in Beijing was premature, the ministry said.',
    'Rumours that Tencent had agreed to buy a stake in Nvidia proved false.',
    'Contrary to earlier reports, Wang Yi did not meet Jake Sullivan in Vienna.',
    'The White House said Chinese claims that it had pressured the Netherlands were baseless.',
    'A Commerce official wrongly stated that Huawei had been removed from the Entity List.',
    'The Global Times falsely reported that Raimondo had apologised to Beijing.',
    'The previous headline misidentified the official who met Wang Yi.',
    'Asked about the reports, Mao Ning said she was not aware of any meeting between the two '
    'companies.',
    'Guo Jiakun said he had no information about talks between Huawei and Samsung.',
    'Xinhua quoted an unnamed official as saying Beijing would respond firmly.',
    'The ministry said China had never asked Nvidia to stop selling chips to Russia.',
    'The embassy said reports of a secret agreement between Huawei and the Pentagon were absurd.',
    'Officials familiar with the matter cautioned that no deal had yet been reached between '
    'Washington and Beijing.',
    'Earlier this year, it was wrongly reported that Apple and Alibaba had ended their '
    'partnership.',
    'The company called the report that it had cooperated with Chinese police a fabrication.',
    'US officials refuted suggestions that Raimondo had met Huawei executives.',
    "An Nvidia spokesperson said the report that it had partnered with Inspur was 'simply wrong'.",
    'The readout made no mention of a meeting between Xi and Musk.',
    'There was no evidence that ByteDance had shared data with the Chinese government, the '
    'report said.',
    "Q: Did you discuss export controls with Secretary Raimondo? A: I won't go into the "
    "details of our conversations.",
    'Q: Has Huawei signed any agreement with Nvidia? A: Not that I am aware of.',
    'Asked whether Beijing would retaliate, Mao Ning said China would firmly safeguard its '
    'interests.',
    'The spokesperson urged reporters to refer to the competent authorities for details.',
    'Wang Wenbin told reporters he would refer them to the relevant department.',
    'During the call, which lasted two hours, the leaders discussed Taiwan, AI and fentanyl, '
    'the White House said. An earlier call in 2022 had been tense.',
    'Xi Jinping, who met Biden in Bali in 2022, has since hosted few American leaders.',
    'Biden, who has never met Li Qiang, will travel to India next week.',
    'Raimondo, who will meet Wang Wentao next month, said she was optimistic.',
    'The two sides have held talks on AI every year since 2023, except this year.',
    'The agreement with Huawei, which was never signed, would have allowed Nvidia to sell chips.',
    'In a letter to Commerce, Senator Marco Rubio urged the department to blacklist CXMT.',
    'Lawmakers urged the administration to ban DeepSeek, but the White House has not acted.',
    'The administration is weighing whether to add DeepSeek to the Entity List.',
    'A Chinese court fined the US firm for violating data laws, according to a state media '
    'report that could not be verified.',
    "Nvidia's filing said the company may need licences to ship the H20 to China.",
    "Microsoft's president Brad Smith testified that the company had never partnered with "
    "Huawei on AI.",
    'The ruling, which the court issued on Friday, did not name Huawei.',
    'The ministry said China would continue to strengthen cooperation with the United States '
    'if Washington met it halfway.',
    'Huawei and ZTE, both of which were blacklisted in 2019, have since grown their domestic '
    'businesses.',
    'Since 2019, the Commerce Department has added more than 600 Chinese entities to its '
    'Entity List.',
    "The company is one of several that Washington accused in 2020 of aiding China's military.",
    'Beijing and Washington have traded accusations for years over chips.',
    'Tensions rose after the United States sanctioned Huawei in 2019, a move China condemned '
    'at the time.',
    'We are deeply concerned, the statement said, without naming any country.',
    'The joint statement issued after the 2023 summit in Woodside was never implemented.',
    "Huawei's chairman thanked the Chinese government for its support.",
    'Samsung and SK Hynix received waivers from the Commerce Department last year.',
    'Nvidia, AMD and Intel lobbied the administration against the rule.',
    "TikTok's chief executive Shou Zi Chew testified before Congress in March 2023.",
    "Baidu's Robin Li told employees in an internal memo that competition from OpenAI was "
    "intensifying.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_a_trap_sentence_in_a_new_voice_reports_no_event(nlp: Language, text: str) -> None:
    extraction = extract_article(Article(id="t", title="", text=text, date=dt.date(2025, 6, 3)),
                                 nlp=nlp)
    assert [(e.type, e.actor, e.target, e.participants) for e in extraction.events] == []
